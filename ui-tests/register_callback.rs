// The same host function, but given to a combinator that calls it at once (`map` of a value
// whose type the analysis does not know): it runs while `load` still holds the plugin list.
use std::sync::Mutex;

pub struct Host {
    plugins: Mutex<Vec<String>>,
}

fn host_plugin_count(host: &Host) -> usize {
    host.plugins.lock().unwrap().len()
}

pub fn load(host: &Host, current: wasm_runtime::Current<&Host>, name: &str) -> usize {
    let mut plugins = host.plugins.lock().unwrap();
    plugins.push(name.to_string());
    current.map(host_plugin_count).unwrap_or(0)
}
