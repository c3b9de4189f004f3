//! Thread A takes the printer then the camera; thread B takes the camera then the printer.

use std::sync::Mutex;
use std::thread;

pub static PRINTER: Mutex<()> = Mutex::new(());
pub static CAMERA: Mutex<()> = Mutex::new(());

pub mod buggy {
    use super::*;

    pub fn use_printer_then_camera() {
        let _printer = PRINTER.lock().unwrap();
        let _camera = CAMERA.lock().unwrap();
    }

    pub fn use_camera_then_printer() {
        let _camera = CAMERA.lock().unwrap();
        let _printer = PRINTER.lock().unwrap();
    }

    pub fn run() {
        let a = thread::spawn(use_printer_then_camera);
        let b = thread::spawn(use_camera_then_printer);
        a.join().unwrap();
        b.join().unwrap();
    }
}

pub mod fixed {
    use std::sync::Mutex;

    /// Lock ordering: both devices live behind locks that every thread takes printer-first.
    pub struct Devices {
        pub printer: Mutex<()>,
        pub camera: Mutex<()>,
    }

    impl Devices {
        pub fn use_printer_then_camera(&self) {
            let _printer = self.printer.lock().unwrap();
            let _camera = self.camera.lock().unwrap();
        }

        pub fn use_camera_then_printer(&self) {
            let _printer = self.printer.lock().unwrap();
            let _camera = self.camera.lock().unwrap();
        }
    }
}
