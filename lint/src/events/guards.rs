//! Guard lifetimes: who owns each guard, and when Rust drops it.
//!
//! This is the one place that knows the drop rules (Rust Reference, "Destructors"):
//! - a guard bound by `let g = ..` is owned by `g` until `g`'s block ends, `drop(g)`, a move
//!   out of `g`, or a reassignment; `let _ = ..` binds nothing, so the guard stays a temporary;
//! - any other guard is a temporary, dropped when its *temporary scope* ends: the enclosing
//!   statement, `if`/`while` condition, match guard, match arm, loop or `if` body, lazy-boolean
//!   operand, function body, and (edition 2024) the `if let` condition plus body and a block's
//!   tail expression. The walker opens and closes those scopes; this module does the bookkeeping;
//! - along branches (`if`/`match`), a guard counts as held after the merge only if it is held
//!   at the end of every branch that does not diverge: we report what certainly happens.
//!
//! A value whose type has a `Drop` impl follows the same rules (it is a "guard" that locks
//! nothing): when it dies where it is owned, by scope end, `drop(x)` or reassignment, its `drop`
//! runs there, under the locks taken before it. Once it moves into something we do not follow
//! (a call, a field), who drops it is unknown, and its death is silent.

use super::GuardSrc;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GuardId(pub u32);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Owner {
    /// A temporary of the temporary scope at this depth.
    Temp(u32),
    /// Owned by the local variable with this number.
    Binding(u32),
}

#[derive(Clone, Copy, Debug)]
struct Guard {
    src: GuardSrc,
    owner: Owner,
    alive: bool,
    /// A value with a `Drop` impl (the walker's number for it), not a lock.
    value: Option<u32>,
    /// Moved where we do not follow: its drop is not ours to run.
    moved: bool,
}

/// The guard state at one point, to walk branches from and merge them back.
#[derive(Clone)]
pub struct Snapshot(Vec<Guard>);

#[derive(Default)]
pub struct Lifetimes {
    guards: Vec<Guard>,
    /// Values that died where they were owned, with the locks held when their `drop` runs.
    dropped: Vec<(u32, Box<[GuardSrc]>)>,
    temp_depth: u32,
    /// Guards created before this index belong to another thread (the creator of a spawned
    /// closure) and are not held here.
    thread_base: usize,
}

impl Lifetimes {
    pub fn new_guard(&mut self, src: GuardSrc) -> GuardId {
        self.push(src, None)
    }

    /// A value whose `drop` runs where it dies (number `value`, the walker's).
    pub fn new_value(&mut self, value: u32) -> GuardId {
        self.push(GuardSrc::Acquired(u32::MAX), Some(value))
    }

    fn push(&mut self, src: GuardSrc, value: Option<u32>) -> GuardId {
        self.guards.push(Guard {
            src,
            owner: Owner::Temp(self.temp_depth),
            alive: true,
            value,
            moved: false,
        });
        GuardId(self.guards.len() as u32 - 1)
    }

    pub fn is_value(&self, id: GuardId) -> bool {
        self.guards
            .get(id.0 as usize)
            .is_some_and(|g| g.value.is_some())
    }

    /// Values whose `drop` ran since the last call, with what was held then.
    pub fn take_dropped(&mut self) -> Vec<(u32, Box<[GuardSrc]>)> {
        std::mem::take(&mut self.dropped)
    }

    /// Guard `i` dies. A value's `drop` runs under the locks held now; when a scope ends, only
    /// under those taken before it (locals and temporaries drop in reverse order of creation:
    /// those taken after it are gone by then).
    fn die(&mut self, i: usize, scope_end: bool) {
        let g = self.guards[i];
        if !g.alive {
            return;
        }
        self.guards[i].alive = false;
        if let (Some(value), false) = (g.value, g.moved) {
            let end = if scope_end { i } else { self.guards.len() };
            let held = self.held_among(self.thread_base.min(i)..end);
            self.dropped.push((value, held));
        }
    }

    pub fn is_alive(&self, id: GuardId) -> bool {
        self.guards.get(id.0 as usize).is_some_and(|g| g.alive)
    }

    /// The lock a guard holds; `None` for a `Drop` value.
    pub fn src(&self, id: GuardId) -> Option<GuardSrc> {
        self.guards
            .get(id.0 as usize)
            .filter(|g| g.value.is_none())
            .map(|g| g.src)
    }

    /// Moves temporaries of the current scope to the enclosing one: a value leaving its scope
    /// (a 2024 tail expression's result) takes its guards along.
    pub fn hand_up(&mut self, ids: &[GuardId]) {
        self.set_owner(ids, Owner::Temp(self.temp_depth.saturating_sub(1)));
    }

    fn set_owner(&mut self, ids: &[GuardId], owner: Owner) {
        for id in ids {
            if let Some(g) = self.guards.get_mut(id.0 as usize) {
                g.owner = owner;
            }
        }
    }

    /// The guards held right now, in acquisition order.
    /// The guards held now, for an event to keep (without room to grow: units live long).
    pub fn held(&self) -> Box<[GuardSrc]> {
        self.held_among(self.thread_base.min(self.guards.len())..self.guards.len())
    }

    fn held_among(&self, range: std::ops::Range<usize>) -> Box<[GuardSrc]> {
        let mut out: Vec<GuardSrc> = Vec::new();
        for g in &self.guards[range] {
            if g.alive && g.value.is_none() && !out.contains(&g.src) {
                out.push(g.src);
            }
        }
        out.into_boxed_slice()
    }

    pub fn push_temp_scope(&mut self) -> u32 {
        self.temp_depth += 1;
        self.temp_depth
    }

    /// Ends the temporary scope opened by the matching `push_temp_scope`.
    pub fn pop_temp_scope(&mut self) {
        self.kill_temps_from(self.temp_depth);
        self.temp_depth = self.temp_depth.saturating_sub(1);
    }

    /// Drops the temporaries of scope `depth` and deeper without closing the scope (the 2024
    /// `if let` rule: scrutinee temporaries die before `else`).
    pub fn kill_temps_from(&mut self, depth: u32) {
        // Latest first: the order Rust drops temporaries in.
        for i in (0..self.guards.len()).rev() {
            if matches!(self.guards[i].owner, Owner::Temp(d) if d >= depth) {
                self.die(i, true);
            }
        }
    }

    pub fn give_to_binding(&mut self, ids: &[GuardId], binding: u32) {
        self.set_owner(ids, Owner::Binding(binding));
    }

    /// A value moves into something we do not follow (a call argument, a field of an unknown
    /// value): it is dropped when the current statement ends at the latest.
    pub fn make_temporary(&mut self, ids: &[GuardId]) {
        self.set_owner(ids, Owner::Temp(self.temp_depth));
    }

    /// `make_temporary` for a value that moves away for good (a call argument, a field, a
    /// return value): a guard in it still dies with the statement, a `Drop` value is no longer
    /// ours to drop.
    pub fn move_away(&mut self, ids: &[GuardId]) {
        self.make_temporary(ids);
        for id in ids {
            if let Some(g) = self.guards.get_mut(id.0 as usize) {
                g.moved = true;
            }
        }
    }

    /// Values with a `Drop` impl among `ids` move where we do not follow (a call's argument):
    /// their deaths are silent from now on. Guards keep their owner.
    pub fn forget_values(&mut self, ids: &[GuardId]) {
        for id in ids {
            if let Some(g) = self.guards.get_mut(id.0 as usize) {
                g.moved |= g.value.is_some();
            }
        }
    }

    /// `drop(x)`: `x`'s guards die, and a value's `drop` runs, here.
    pub fn drop_now(&mut self, ids: &[GuardId]) {
        for id in ids {
            if let Some(g) = self.guards.get_mut(id.0 as usize) {
                g.moved = false;
            }
        }
        self.kill(ids);
    }

    pub fn kill(&mut self, ids: &[GuardId]) {
        for id in ids {
            if (id.0 as usize) < self.guards.len() {
                self.die(id.0 as usize, false);
            }
        }
    }

    /// Releases the live ones of `ids` for a while (`MutexGuard::unlocked(&mut g, f)` while `f`
    /// runs): they are not held until `resume`. Which were live.
    pub fn suspend(&mut self, ids: &[GuardId]) -> Vec<GuardId> {
        let mut out = Vec::new();
        for id in ids {
            if let Some(g) = self.guards.get_mut(id.0 as usize) {
                if g.alive && g.value.is_none() {
                    g.alive = false;
                    out.push(*id);
                }
            }
        }
        out
    }

    /// The guards `suspend` released are held again.
    pub fn resume(&mut self, ids: &[GuardId]) {
        for id in ids {
            if let Some(g) = self.guards.get_mut(id.0 as usize) {
                g.alive = true;
            }
        }
    }

    /// Whether any variable of this thread owns a live guard (anything a closure could move in).
    pub fn any_owned(&self) -> bool {
        self.guards[self.thread_base.min(self.guards.len())..]
            .iter()
            .any(|g| g.alive && matches!(g.owner, Owner::Binding(_)))
    }

    /// Live guards owned by a variable (what moving or dropping it takes along).
    pub fn owned_by(&self, binding: u32) -> Vec<GuardId> {
        self.guards
            .iter()
            .enumerate()
            .filter(|(_, g)| g.alive && g.owner == Owner::Binding(binding))
            .map(|(i, _)| GuardId(i as u32))
            .collect()
    }

    /// Variables numbered `first..` go out of scope: their guards drop.
    pub fn release_bindings_from(&mut self, first: u32) {
        // Latest first: locals drop in reverse order of declaration.
        for i in (0..self.guards.len()).rev() {
            if matches!(self.guards[i].owner, Owner::Binding(b) if b >= first) {
                self.die(i, true);
            }
        }
    }

    pub fn enter_thread(&mut self) -> usize {
        std::mem::replace(&mut self.thread_base, self.guards.len())
    }

    pub fn leave_thread(&mut self, saved: usize) {
        let base = self.thread_base;
        for g in &mut self.guards[base..] {
            g.alive = false;
        }
        self.thread_base = saved;
    }

    pub fn snapshot(&self) -> Snapshot {
        Snapshot(self.guards.clone())
    }

    /// Back to `snap` to walk another branch: guards created by earlier branches do not exist
    /// on this one.
    pub fn restore(&mut self, snap: &Snapshot) {
        for (i, g) in self.guards.iter_mut().enumerate() {
            match snap.0.get(i) {
                Some(s) => *g = *s,
                None => g.alive = false,
            }
        }
    }

    /// After the branches: held where every branch that reaches the merge holds it. With no
    /// such branch (all diverge) the state stays as the last branch left it; nothing after the
    /// merge runs anyway.
    pub fn merge(&mut self, ends: &[Snapshot]) {
        let Some((first, rest)) = ends.split_first() else {
            return;
        };
        for (i, g) in self.guards.iter_mut().enumerate() {
            let held_everywhere = first.0.get(i).is_some_and(|s| s.alive)
                && rest.iter().all(|e| e.0.get(i).is_some_and(|s| s.alive));
            if let Some(s) = first.0.get(i) {
                *g = *s;
            }
            g.alive = held_everywhere;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporaries_die_with_their_scope_bindings_with_theirs() {
        let mut l = Lifetimes::default();
        l.push_temp_scope();
        let t = l.new_guard(GuardSrc::Acquired(0));
        let b = l.new_guard(GuardSrc::Acquired(1));
        l.give_to_binding(&[b], 7);
        l.pop_temp_scope();
        assert_eq!(*l.held(), [GuardSrc::Acquired(1)]);
        let _ = t;
        l.release_bindings_from(7);
        assert!(l.held().is_empty());
    }

    #[test]
    fn merge_keeps_only_what_every_reaching_branch_holds() {
        let mut l = Lifetimes::default();
        let a = l.new_guard(GuardSrc::Acquired(0));
        l.give_to_binding(&[a], 1);
        let before = l.snapshot();
        l.kill(&[a]);
        let dropped = l.snapshot();
        l.restore(&before);
        let kept = l.snapshot();
        l.merge(&[dropped.clone(), kept.clone()]);
        assert!(
            l.held().is_empty(),
            "dropped on one branch: not certainly held"
        );
        l.merge(&[kept]);
        assert_eq!(*l.held(), [GuardSrc::Acquired(0)]);
    }

    #[test]
    fn spawned_threads_do_not_see_their_creators_guards() {
        let mut l = Lifetimes::default();
        l.new_guard(GuardSrc::Acquired(0));
        let saved = l.enter_thread();
        assert!(l.held().is_empty());
        l.new_guard(GuardSrc::Acquired(1));
        assert_eq!(*l.held(), [GuardSrc::Acquired(1)]);
        l.leave_thread(saved);
        assert_eq!(*l.held(), [GuardSrc::Acquired(0)]);
    }

    #[derive(Clone, Debug)]
    enum Op {
        Push,
        Pop,
        NewGuard,
        /// Give the newest guard to a new variable.
        Bind,
        /// The newest variables go out of scope.
        ReleaseLast,
    }

    fn op() -> impl proptest::strategy::Strategy<Value = Op> {
        proptest::prop_oneof![
            proptest::strategy::Just(Op::Push),
            proptest::strategy::Just(Op::Pop),
            proptest::strategy::Just(Op::NewGuard),
            proptest::strategy::Just(Op::Bind),
            proptest::strategy::Just(Op::ReleaseLast),
        ]
    }

    proptest::proptest! {
        /// A model of what must be held: temporaries while their scope is open, variables'
        /// guards while the variable lives; closing everything leaves nothing held.
        #[test]
        fn held_is_exactly_what_the_scopes_keep_alive(ops in proptest::collection::vec(op(), 0..60)) {
            let mut l = Lifetimes::default();
            l.push_temp_scope();
            // Model: (guard, Some(variable) or temporary scope depth).
            let mut model: Vec<(u32, Result<u32, u32>, bool)> = Vec::new();
            let (mut depth, mut next_var) = (1u32, 0u32);
            for o in ops {
                match o {
                    Op::Push => depth = l.push_temp_scope(),
                    Op::Pop if depth > 1 => {
                        l.pop_temp_scope();
                        for m in &mut model {
                            if m.1 == Err(depth) { m.2 = false; }
                        }
                        depth -= 1;
                    }
                    Op::NewGuard => {
                        let g = l.new_guard(GuardSrc::Acquired(model.len() as u32));
                        model.push((g.0, Err(depth), true));
                    }
                    Op::Bind => {
                        if let Some(m) = model.last_mut().filter(|m| m.2) {
                            l.give_to_binding(&[GuardId(m.0)], next_var);
                            m.1 = Ok(next_var);
                            next_var += 1;
                        }
                    }
                    Op::ReleaseLast if next_var > 0 => {
                        next_var -= 1;
                        l.release_bindings_from(next_var);
                        for m in &mut model {
                            if matches!(m.1, Ok(v) if v >= next_var) { m.2 = false; }
                        }
                    }
                    _ => {}
                }
                let expected: Vec<GuardSrc> = model.iter().filter(|m| m.2).map(|m| GuardSrc::Acquired(m.0)).collect();
                proptest::prop_assert_eq!(l.held().to_vec(), expected);
            }
            l.release_bindings_from(0);
            while depth >= 1 {
                l.pop_temp_scope();
                depth -= 1;
            }
            proptest::prop_assert!(l.held().is_empty());
        }
    }
}
