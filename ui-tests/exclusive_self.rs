// The same `Vm`, but it can be cloned: the copies share the managers, and a thread dirty-logging
// one copy (holding memory, waiting for the devices) deadlocks with one building the ACPI tables
// of another (holding the devices, waiting for memory).
use std::sync::{Arc, Mutex};

pub struct DeviceManager {
    pub dirty: Vec<u64>,
}
pub struct MemoryManager {
    pub dirty: Vec<u64>,
}

#[derive(Clone)]
pub struct Vm {
    device_manager: Arc<Mutex<DeviceManager>>,
    memory_manager: Arc<Mutex<MemoryManager>>,
}

fn acpi_tables(_d: &DeviceManager, _m: &MemoryManager) -> Vec<Vec<u8>> {
    Vec::new()
}

pub trait Migratable {
    fn dirty_log(&mut self) -> Vec<u64>;
}

impl Vm {
    pub fn create_acpi_tables(&self) -> usize {
        acpi_tables(
            &self.device_manager.lock().unwrap(),
            &self.memory_manager.lock().unwrap(),
        )
        .len()
    }
}

impl Migratable for Vm {
    fn dirty_log(&mut self) -> Vec<u64> {
        let memory = self.memory_manager.lock().unwrap();
        let devices = self.device_manager.lock().unwrap();
        memory.dirty.iter().chain(devices.dirty.iter()).copied().collect()
    }
}
