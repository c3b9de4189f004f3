//! The TreeNode of the notes: `parent.add_child(child)` locks the parent then the child,
//! `child.set_parent(parent)` locks the child then the parent.

use std::sync::{Arc, Mutex, Weak};

pub mod buggy {
    use super::*;

    pub struct TreeNode {
        pub inner: Mutex<Links>,
    }

    #[derive(Default)]
    pub struct Links {
        pub parent: Option<Weak<TreeNode>>,
        pub children: Vec<Arc<TreeNode>>,
    }

    impl TreeNode {
        pub fn add_child(self: &Arc<Self>, child: &Arc<TreeNode>) {
            let mut links = self.inner.lock().unwrap();
            links.children.push(child.clone());
            child.set_parent_only(self);
        }

        pub fn add_child_only(&self, child: &Arc<TreeNode>) {
            self.inner.lock().unwrap().children.push(child.clone());
        }

        pub fn set_parent(self: &Arc<Self>, parent: &Arc<TreeNode>) {
            let mut links = self.inner.lock().unwrap();
            links.parent = Some(Arc::downgrade(parent));
            parent.add_child_only(self);
        }

        pub fn set_parent_only(&self, parent: &Arc<TreeNode>) {
            self.inner.lock().unwrap().parent = Some(Arc::downgrade(parent));
        }
    }
}

pub mod fixed {
    use super::*;

    pub struct TreeNode {
        pub inner: Mutex<Links>,
    }

    #[derive(Default)]
    pub struct Links {
        pub parent: Option<Weak<TreeNode>>,
        pub children: Vec<Arc<TreeNode>>,
    }

    impl TreeNode {
        /// Never hold one node while locking another: update each side on its own.
        pub fn add_child(self: &Arc<Self>, child: &Arc<TreeNode>) {
            self.inner.lock().unwrap().children.push(child.clone());
            child.inner.lock().unwrap().parent = Some(Arc::downgrade(self));
        }

        pub fn set_parent(self: &Arc<Self>, parent: &Arc<TreeNode>) {
            self.inner.lock().unwrap().parent = Some(Arc::downgrade(parent));
            parent.inner.lock().unwrap().children.push(self.clone());
        }
    }
}
