//! A reentrant lock may be taken again by the thread that holds it (it must be released as many
//! times); a plain mutex may not.

pub mod buggy {
    use std::sync::Mutex;

    pub struct Walker {
        pub visited: Mutex<Vec<u32>>,
    }

    impl Walker {
        pub fn visit(&self, node: u32, children: &[u32]) {
            let mut visited = self.visited.lock().unwrap();
            visited.push(node);
            for &child in children {
                self.visit(child, &[]);
            }
        }
    }
}

pub mod fixed {
    use parking_lot::ReentrantMutex;
    use std::cell::RefCell;

    pub struct Walker {
        pub visited: ReentrantMutex<RefCell<Vec<u32>>>,
    }

    impl Walker {
        pub fn visit(&self, node: u32, children: &[u32]) {
            let visited = self.visited.lock();
            visited.borrow_mut().push(node);
            for &child in children {
                self.visit(child, &[]);
            }
        }
    }
}
