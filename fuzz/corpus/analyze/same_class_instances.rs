// Two instances of one class nested: transfer(a, b) against transfer(b, a) deadlocks, and a tree
// node that locks itself and then a child (or parent) does too.
use std::sync::{Arc, Mutex};

struct Account {
    balance: Mutex<i64>,
}

fn transfer(from: &Account, to: &Account, amount: i64) {
    let mut from_balance = from.balance.lock().unwrap();
    let mut to_balance = to.balance.lock().unwrap();
    *from_balance -= amount;
    *to_balance += amount;
}

struct TreeNode {
    inner: Mutex<NodeData>,
}

struct NodeData {
    parent: Option<Arc<TreeNode>>,
    children: Vec<Arc<TreeNode>>,
}

impl TreeNode {
    fn add_child(self: &Arc<Self>, child: Arc<TreeNode>) {
        let mut me = self.inner.lock().unwrap();
        me.children.push(child.clone());
        child.set_parent_only(self.clone());
    }

    fn set_parent_only(&self, parent: Arc<TreeNode>) {
        self.inner.lock().unwrap().parent = Some(parent);
    }
}
