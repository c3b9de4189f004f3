// `register_in` nests the function lists of the two registries it is given, in the order of
// its parameters; `promote` passes the two registries the other way round: the admin list is
// locked inside the normal one there, against `register_admin`'s order.
use std::collections::HashMap;
use std::sync::RwLock;

pub struct Registry {
    functions: RwLock<HashMap<String, u32>>,
}

pub static ADMIN_REGISTRY: Registry = Registry {
    functions: RwLock::new(HashMap::new()),
};
pub static NORMAL_REGISTRY: Registry = Registry {
    functions: RwLock::new(HashMap::new()),
};

fn register_in(target: &Registry, checked: &Registry, name: &str) -> bool {
    let mut functions = target.functions.write().unwrap();
    let others = checked.functions.read().unwrap();
    if others.contains_key(name) {
        return false;
    }
    functions.insert(name.to_string(), 1);
    true
}

pub fn register_admin(name: &str) -> bool {
    register_in(&ADMIN_REGISTRY, &NORMAL_REGISTRY, name)
}

pub fn promote(name: &str) -> bool {
    register_in(&NORMAL_REGISTRY, &ADMIN_REGISTRY, name)
}
