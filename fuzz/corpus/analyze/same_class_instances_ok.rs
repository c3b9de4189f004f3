// Fixed: never hold one account (or node) while locking another.
use std::sync::{Arc, Mutex};

struct Account {
    balance: Mutex<i64>,
}

fn transfer(from: &Account, to: &Account, amount: i64) {
    *from.balance.lock().unwrap() -= amount;
    *to.balance.lock().unwrap() += amount;
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
        self.inner.lock().unwrap().children.push(child.clone());
        child.set_parent_only(self.clone());
    }

    fn set_parent_only(&self, parent: Arc<TreeNode>) {
        self.inner.lock().unwrap().parent = Some(parent);
    }
}
