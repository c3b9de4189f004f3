// Two overlays each draw over the pane they wrap (`Arc<dyn Pane>`), under their own renderer
// lock, and delegate the lines to it. An overlay wraps a terminal pane; nothing wraps one
// overlay in the other both ways round, so the two renderer locks are never taken in both
// orders.
use std::sync::{Arc, Mutex};

pub trait Pane: Send + Sync {
    fn with_lines(&self, rows: usize, f: &mut dyn FnMut(&str));
}

pub struct TerminalPane {
    screen: Mutex<Vec<String>>,
}

impl Pane for TerminalPane {
    fn with_lines(&self, rows: usize, f: &mut dyn FnMut(&str)) {
        for line in self.screen.lock().unwrap().iter().take(rows) {
            f(line);
        }
    }
}

pub struct CopyOverlay {
    delegate: Arc<dyn Pane>,
    render: Mutex<Vec<usize>>,
}

impl Pane for CopyOverlay {
    fn with_lines(&self, rows: usize, f: &mut dyn FnMut(&str)) {
        let selection = self.render.lock().unwrap();
        self.delegate.with_lines(rows, &mut |line| {
            if selection.is_empty() {
                f(line)
            }
        });
    }
}

pub struct QuickSelectOverlay {
    delegate: Arc<dyn Pane>,
    renderer: Mutex<Vec<String>>,
}

impl Pane for QuickSelectOverlay {
    fn with_lines(&self, rows: usize, f: &mut dyn FnMut(&str)) {
        let labels = self.renderer.lock().unwrap();
        self.delegate.with_lines(rows, &mut |line| {
            if labels.is_empty() {
                f(line)
            }
        });
    }
}
