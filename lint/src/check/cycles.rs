//! Cycle search in the lock graph: strongly connected components first (linear), then within
//! each component a bounded number of short cycles (one per edge, by breadth-first search back
//! to its start), deduplicated. Every component with a cycle is reported, and a large
//! component costs O(edges x component size), never the exponential number of its cycles.

use std::collections::{BTreeSet, HashMap, VecDeque};

use petgraph::algo::tarjan_scc;
use petgraph::graph::DiGraph;

use crate::locks::class::ClassId;

/// Cycles reported per strongly connected component; the rest are variations on them.
const MAX_CYCLES_PER_COMPONENT: usize = 8;

/// Every reported cycle as its classes in order: `[a, b, c]` means a -> b -> c -> a. A class
/// nested in itself (two instances) is `[a]`.
pub fn find(edges: impl Iterator<Item = (ClassId, ClassId)>) -> Vec<Vec<ClassId>> {
    let mut graph = DiGraph::<ClassId, ()>::new();
    let mut node = HashMap::new();
    let mut ix =
        |g: &mut DiGraph<ClassId, ()>, c: ClassId| *node.entry(c).or_insert_with(|| g.add_node(c));
    for (a, b) in edges {
        let (na, nb) = (ix(&mut graph, a), ix(&mut graph, b));
        graph.update_edge(na, nb, ());
    }
    let mut out = Vec::new();
    for scc in tarjan_scc(&graph) {
        for &n in &scc {
            if graph.contains_edge(n, n) {
                out.push(vec![graph[n]]);
            }
        }
        if scc.len() < 2 {
            continue;
        }
        let members: BTreeSet<_> = scc.iter().map(|&n| graph[n]).collect();
        let mut succ: HashMap<ClassId, Vec<ClassId>> = HashMap::new();
        for e in graph.edge_indices() {
            let Some((a, b)) = graph.edge_endpoints(e) else {
                continue;
            };
            let (a, b) = (graph[a], graph[b]);
            if a != b && members.contains(&a) && members.contains(&b) {
                succ.entry(a).or_default().push(b);
            }
        }
        for v in succ.values_mut() {
            v.sort();
        }
        let mut found = BTreeSet::new();
        'edges: for &a in &members {
            for &b in succ.get(&a).map_or(&[][..], Vec::as_slice) {
                if found.len() >= MAX_CYCLES_PER_COMPONENT {
                    break 'edges;
                }
                if let Some(path) = shortest_path(&succ, b, a) {
                    let mut cycle = vec![a];
                    cycle.extend(path.into_iter().take_while(|&c| c != a));
                    found.insert(canonical(cycle));
                }
            }
        }
        out.extend(found);
    }
    out.sort();
    out
}

/// Breadth-first path from `from` to `to` (inclusive of both).
fn shortest_path(
    succ: &HashMap<ClassId, Vec<ClassId>>,
    from: ClassId,
    to: ClassId,
) -> Option<Vec<ClassId>> {
    let mut prev: HashMap<ClassId, ClassId> = HashMap::new();
    let mut queue = VecDeque::from([from]);
    let mut visited = BTreeSet::from([from]);
    while let Some(c) = queue.pop_front() {
        if c == to {
            let mut path = vec![c];
            let mut cur = c;
            while let Some(&p) = prev.get(&cur) {
                path.push(p);
                cur = p;
            }
            path.reverse();
            return Some(path);
        }
        for &n in succ.get(&c).map_or(&[][..], Vec::as_slice) {
            if visited.insert(n) {
                prev.insert(n, c);
                queue.push_back(n);
            }
        }
    }
    None
}

/// The same cycle from any starting point is one cycle: rotate the smallest class first.
fn canonical(mut cycle: Vec<ClassId>) -> Vec<ClassId> {
    if let Some(min) = cycle
        .iter()
        .enumerate()
        .min_by_key(|(_, c)| **c)
        .map(|(i, _)| i)
    {
        cycle.rotate_left(min);
    }
    cycle
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(i: u32) -> ClassId {
        ClassId(i)
    }

    #[test]
    fn two_lock_inversion_is_one_cycle() {
        let cycles = find([(c(1), c(2)), (c(2), c(1))].into_iter());
        assert_eq!(cycles, vec![vec![c(1), c(2)]]);
    }

    #[test]
    fn four_lock_ring_is_found_whole() {
        let ring = [(c(1), c(2)), (c(2), c(3)), (c(3), c(4)), (c(4), c(1))];
        assert_eq!(find(ring.into_iter()), vec![vec![c(1), c(2), c(3), c(4)]]);
    }

    #[test]
    fn consistent_order_has_no_cycle() {
        let dag = [(c(1), c(2)), (c(2), c(3)), (c(1), c(3))];
        assert!(find(dag.into_iter()).is_empty());
    }

    #[test]
    fn self_nesting_is_a_cycle_of_one() {
        assert_eq!(find([(c(5), c(5))].into_iter()), vec![vec![c(5)]]);
    }

    #[test]
    fn dense_components_stay_bounded() {
        // A complete graph on 60 classes has astronomically many cycles; we report a few.
        let mut edges = Vec::new();
        for a in 0..60 {
            for b in 0..60 {
                if a != b {
                    edges.push((c(a), c(b)));
                }
            }
        }
        let cycles = find(edges.into_iter());
        assert!(!cycles.is_empty() && cycles.len() <= MAX_CYCLES_PER_COMPONENT);
    }

    fn has_cycle(edges: &[(u32, u32)]) -> bool {
        // Repeatedly remove nodes without incoming edges (Kahn); a cycle is what remains.
        let mut live: Vec<(u32, u32)> = edges.to_vec();
        loop {
            let targets: std::collections::HashSet<u32> = live.iter().map(|e| e.1).collect();
            let before = live.len();
            live.retain(|e| targets.contains(&e.0));
            if live.len() == before {
                return !live.is_empty();
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn reported_cycles_are_real_and_found_when_present(
            edges in proptest::collection::vec((0u32..12, 0u32..12), 0..40)
        ) {
            let set: std::collections::HashSet<(u32, u32)> = edges.iter().copied().collect();
            let cycles = find(edges.iter().map(|&(a, b)| (c(a), c(b))));
            for cycle in &cycles {
                let n = cycle.len();
                for i in 0..n {
                    let (a, b) = (cycle[i].0, cycle[(i + 1) % n].0);
                    proptest::prop_assert!(set.contains(&(a, b)), "edge {a}->{b} of {cycle:?} is not in the graph");
                }
                let distinct: std::collections::HashSet<_> = cycle.iter().collect();
                proptest::prop_assert_eq!(distinct.len(), n, "a cycle repeats a class: {:?}", cycle);
            }
            proptest::prop_assert_eq!(!cycles.is_empty(), has_cycle(&edges));
        }
    }
}
