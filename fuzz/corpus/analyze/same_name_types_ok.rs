// Types with the same name in different modules (or function bodies) are different types:
// their locks are different classes and form no cycle.
mod a {
    pub struct State {
        pub x: std::sync::Mutex<u8>,
        pub y: std::sync::Mutex<u8>,
    }

    pub fn run(s: &State) {
        let _x = s.x.lock().unwrap();
        let _y = s.y.lock().unwrap();
    }
}

mod b {
    pub struct State {
        pub x: std::sync::Mutex<u8>,
        pub y: std::sync::Mutex<u8>,
    }

    pub fn run(s: &State) {
        let _y = s.y.lock().unwrap();
        let _x = s.x.lock().unwrap();
    }
}

fn local_types() {
    struct Inner {
        m: std::sync::Mutex<u8>,
        n: std::sync::Mutex<u8>,
    }
    let i = Inner { m: std::sync::Mutex::new(0), n: std::sync::Mutex::new(0) };
    let _m = i.m.lock().unwrap();
    let _n = i.n.lock().unwrap();
}

fn other_local_types() {
    struct Inner {
        m: std::sync::Mutex<u8>,
        n: std::sync::Mutex<u8>,
    }
    let i = Inner { m: std::sync::Mutex::new(0), n: std::sync::Mutex::new(0) };
    let _n = i.n.lock().unwrap();
    let _m = i.m.lock().unwrap();
}
