// A VMM's `Vm` holds its managers behind locks. Booting takes the devices, then memory; dirty
// logging, memory then the devices. But `dirty_log` has the `Vm` exclusively (`&mut self`): no
// other thread can be inside a method of the same `Vm` meanwhile, so the two orders never meet.
use std::sync::{Arc, Mutex};

pub struct DeviceManager {
    pub dirty: Vec<u64>,
}
pub struct MemoryManager {
    pub dirty: Vec<u64>,
}

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
