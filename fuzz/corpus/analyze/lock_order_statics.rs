// The printer/camera inversion: two threads take two global locks in opposite orders.
use std::sync::Mutex;
use std::thread;

static PRINTER: Mutex<()> = Mutex::new(());
static CAMERA: Mutex<()> = Mutex::new(());

fn print_photo() {
    let _printer = PRINTER.lock().unwrap();
    let _camera = CAMERA.lock().unwrap();
}

fn scan_to_camera() {
    let _camera = CAMERA.lock().unwrap();
    let _printer = PRINTER.lock().unwrap();
}

fn main() {
    let a = thread::spawn(print_photo);
    let b = thread::spawn(scan_to_camera);
    a.join().unwrap();
    b.join().unwrap();
}
