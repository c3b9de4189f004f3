// A plugin host registers its host functions with the wasm runtime while it holds the plugin
// list: `func_wrap` keeps `host_plugin_count` and the runtime calls it later, when a plugin asks,
// not while `load` holds the list. Functions passed by name to a method of a type we do not know
// are registered, unless the method is a known combinator that calls them.
use std::sync::Mutex;

pub struct Host {
    plugins: Mutex<Vec<String>>,
}

fn host_plugin_count(host: &Host) -> usize {
    host.plugins.lock().unwrap().len()
}

pub fn load(host: &Host, linker: &mut wasm_runtime::Linker<Host>, name: &str) {
    let mut plugins = host.plugins.lock().unwrap();
    plugins.push(name.to_string());
    linker
        .func_wrap("env", "host_plugin_count", host_plugin_count)
        .unwrap();
}
