// Fixed: both threads take the printer first.
use std::sync::Mutex;

static PRINTER: Mutex<()> = Mutex::new(());
static CAMERA: Mutex<()> = Mutex::new(());

fn print_photo() {
    let _printer = PRINTER.lock().unwrap();
    let _camera = CAMERA.lock().unwrap();
}

fn scan_to_camera() {
    let _printer = PRINTER.lock().unwrap();
    let _camera = CAMERA.lock().unwrap();
}
