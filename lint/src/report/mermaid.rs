//! The lock-order graph as a Mermaid flowchart (GitHub renders it in markdown and pull-request
//! comments): a node per lock in a subgraph per type or module, an arrow per "taken while
//! holding" labelled with a function that does it, declared orders dotted, cycles red.

use crate::graph::map::LockMap;

pub fn render(map: &LockMap) -> String {
    let mut out = String::from("flowchart LR\n");
    for (i, (group, members)) in map.groups().into_iter().enumerate() {
        let node = |m: usize| format!("n{m}[\"{}\"]", text(&map.locks[m].name));
        let Some(group) = group else {
            for m in members {
                out.push_str(&format!("    {}\n", node(m)));
            }
            continue;
        };
        out.push_str(&format!("    subgraph g{i}[\"{}\"]\n", text(group)));
        for m in members {
            out.push_str(&format!("        {}\n", node(m)));
        }
        out.push_str("    end\n");
    }
    let mut red = Vec::new();
    for (k, e) in map.edges.iter().enumerate() {
        let arrow = if e.taken.is_some() { "-->" } else { "-.->" };
        out.push_str(&format!(
            "    n{} {arrow}|\"{}\"| n{}\n",
            e.from,
            text(&super::edge_label(e)),
            e.to
        ));
        if e.cyclic {
            red.push(k.to_string());
        }
    }
    if !red.is_empty() {
        out.push_str(&format!(
            "    linkStyle {} stroke:#d00,stroke-width:3px,color:#d00\n",
            red.join(",")
        ));
    }
    out
}

/// Text inside a quoted Mermaid label: quotes and angle brackets as entity codes, which
/// Mermaid decodes (`#quot;`), so that a name like `Vec<Mutex<T>>` stays text.
fn text(s: &str) -> String {
    s.replace('"', "#quot;")
        .replace('<', "#lt;")
        .replace('>', "#gt;")
}
