// Methods named like lock operations on values that are not locks.
use std::io::{self, Read, Write};
use std::sync::Mutex;

struct Door {
    open: bool,
}

impl Door {
    fn lock(&self) -> bool {
        !self.open
    }
    fn read(&self) -> bool {
        self.open
    }
}

struct Device {
    state: Mutex<u8>,
    door: Door,
    file: std::fs::File,
}

impl Device {
    fn work(&mut self) -> io::Result<()> {
        let _state = self.state.lock().unwrap();
        let stdout = io::stdout();
        let mut out = stdout.lock();
        writeln!(out, "working")?;
        let _err = io::stderr().lock();
        let mut buf = [0u8; 16];
        self.file.read(&mut buf)?;
        self.file.write(&buf)?;
        let _ = self.door.lock() && self.door.read();
        let mut line = String::new();
        io::stdin().lock().read_line(&mut line)?;
        Ok(())
    }
}
