//! The lock-order graph in Graphviz DOT: a box per lock, clustered by the type or module it
//! lives in; an arrow per "taken while holding" labelled with a function that does it; declared
//! orders dashed; the edges of cycles red and thick.

use crate::graph::map::{LockMap, MapEdge};

pub fn render(map: &LockMap) -> String {
    let mut out = String::from(
        "digraph lockorder {\n    rankdir=LR;\n    node [shape=box, fontname=\"monospace\"];\n",
    );
    for (i, (group, members)) in map.groups().into_iter().enumerate() {
        let node = |m: usize| format!("n{m} [label={}];", quote(&map.locks[m].name));
        let Some(group) = group else {
            for m in members {
                out.push_str(&format!("    {}\n", node(m)));
            }
            continue;
        };
        out.push_str(&format!(
            "    subgraph cluster_{i} {{\n        label={};\n",
            quote(group)
        ));
        for m in members {
            out.push_str(&format!("        {}\n", node(m)));
        }
        out.push_str("    }\n");
    }
    for e in &map.edges {
        out.push_str(&format!(
            "    n{} -> n{} [{}];\n",
            e.from,
            e.to,
            attributes(e).join(", ")
        ));
    }
    out.push_str("}\n");
    out
}

fn attributes(e: &MapEdge) -> Vec<String> {
    let mut attrs = vec![format!("label={}", quote(&super::edge_label(e)))];
    if e.taken.is_none() {
        attrs.push("style=dashed".into());
    }
    if e.cyclic {
        attrs.push("color=red, fontcolor=red, penwidth=2.5".into());
    }
    attrs
}

/// A DOT string literal: only `"` and `\` need escaping.
fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}
