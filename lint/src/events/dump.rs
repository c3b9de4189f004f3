//! The events of a run as text, one line an event: what the walker saw, for tests at its
//! boundary (`events/tests.rs`) and for reading when a rule misbehaves.
//!
//! ```text
//! fn Bank::transfer
//!   4:20 lock Bank::a at self.a, holds []
//!   5:20 call Bank::helper(self), holds [Bank::a@4]
//! ```
//! A held guard is written as the class it locks and the line it was taken on (`Bank::a@4`),
//! or as the call that returned it (`returned by Bank::guard@7`).

use std::fmt::Write;

use super::{GuardSrc, Object, Unit};
use crate::index::Index;
use crate::locks::class::{ClassRef, Classes, Place, Root};
use crate::source::Loc;

pub fn dump(units: &[Unit], index: &Index, classes: &Classes) -> String {
    let mut out = String::new();
    for unit in units {
        let d = Dumper {
            unit,
            index,
            classes,
        };
        d.unit(&mut out);
    }
    out
}

struct Dumper<'d> {
    unit: &'d Unit,
    index: &'d Index,
    classes: &'d Classes,
}

/// One event of a unit, where it happens (lines are sorted by position in the body).
struct Line {
    at: Loc,
    text: String,
}

impl Dumper<'_> {
    fn unit(&self, out: &mut String) {
        let u = self.unit;
        let head = if u.func.is_some() { "fn" } else { "thread" };
        let _ = writeln!(out, "{head} {}", u.name(self.index));
        let mut lines = Vec::new();
        for a in &u.acquisitions {
            let try_ = if a.lock.acquire.waits { "" } else { "try " };
            lines.push(Line {
                at: a.loc,
                text: format!(
                    "{try_}{} {} at {}, holds {}",
                    a.lock.acquire.mode.verb(),
                    self.class(a.lock.class),
                    self.place(&a.lock.place),
                    self.held(&a.held)
                ),
            });
        }
        for (k, c) in u.calls.iter().enumerate() {
            let args: Vec<String> = c
                .args
                .iter()
                .map(|a| match (&a.place, a.class) {
                    (Some(p), Some(k)) => format!("{} ({})", self.place(p), self.class(k)),
                    (Some(p), None) => self.place(p),
                    (None, Some(k)) => format!("({})", self.class(k)),
                    (None, None) => "_".to_string(),
                })
                .collect();
            let to_end = match u.rare().run_to_end.contains(&(k as u32)) {
                true => ", run to its end",
                false => "",
            };
            lines.push(Line {
                at: c.loc,
                text: format!(
                    "call {}({}){to_end}, holds {}",
                    self.index.fn_display(c.callee),
                    args.join(", "),
                    self.held(&c.held)
                ),
            });
        }
        for w in &u.waits {
            let mut text = format!(
                "{} {}{}, holds {}",
                if w.task { "task wait" } else { "wait" },
                w.kind.noun(),
                self.object(w.object.as_ref()),
                self.held(&w.held)
            );
            if let Some(p) = &w.releases {
                let _ = write!(text, ", releases {}", self.place(p));
            }
            if let Some(j) = w.joins {
                let _ = write!(text, ", joins thread {j}");
            }
            lines.push(Line { at: w.loc, text });
        }
        let rare = u.rare();
        for w in &rare.wakes {
            lines.push(Line {
                at: w.loc,
                text: format!(
                    "wake {}{}, holds {}",
                    w.kind.noun(),
                    self.object(w.object.as_ref()),
                    self.held(&w.held)
                ),
            });
        }
        for a in &rare.awaits {
            lines.push(Line {
                at: a.loc,
                text: format!("await, holds {}", self.held(&a.held)),
            });
        }
        lines.sort_by_key(|l| (l.at.line, l.at.column));
        for l in lines {
            let _ = writeln!(out, "  {}:{} {}", l.at.line, l.at.column, l.text);
        }
        if !rare.returns.is_empty() {
            let _ = writeln!(out, "  returns {}", self.held(&rare.returns));
        }
    }

    fn held(&self, held: &[GuardSrc]) -> String {
        let names: Vec<String> = held
            .iter()
            .map(|g| match *g {
                GuardSrc::Acquired(i) => match self.unit.acquisitions.get(i as usize) {
                    Some(a) => format!("{}@{}", self.class(a.lock.class), a.loc.line),
                    None => format!("acquisition {i}"),
                },
                GuardSrc::Returned(i) => match self.unit.calls.get(i as usize) {
                    Some(c) => format!(
                        "returned by {}@{}",
                        self.index.fn_display(c.callee),
                        c.loc.line
                    ),
                    None => format!("returned by call {i}"),
                },
                GuardSrc::Inherited(i) => match self.unit.rare().inherited.get(i as usize) {
                    Some((lock, loc)) => {
                        format!("{}@{} (moved in)", self.class(lock.class), loc.line)
                    }
                    None => format!("moved in {i}"),
                },
                GuardSrc::Param(i) => format!("given in parameter {i}"),
            })
            .collect();
        format!("[{}]", names.join(", "))
    }

    fn object(&self, o: Option<&Object>) -> String {
        match o {
            Some(o) => format!(" on {} at {}", self.class(o.class), self.place(&o.place)),
            None => String::new(),
        }
    }

    fn class(&self, c: ClassRef) -> String {
        match c {
            ClassRef::Known(id) => self.classes.name(id).to_string(),
            ClassRef::Local(i) => format!("local lock {i}"),
            ClassRef::FromRoot => "the caller's".to_string(),
        }
    }

    fn place(&self, p: &Place) -> String {
        let root = match p.root {
            Root::Param(i) => self
                .index
                .param_name(self.unit.func, i)
                .map_or_else(|| format!("param{i}"), str::to_string),
            Root::Local(n) => format!("local{n}"),
            Root::Static(s) => self.index.static_(s).display.clone(),
            Root::Global(f) => format!("{}()", self.index.fn_display(f)),
            Root::Unknown => "?".to_string(),
        };
        p.text(root)
    }
}
