// `Default` for `&Decoder` hands out a shared empty decoder. `Decoder::new` calls
// `Self::default()`, which is the derived `Default` of `Decoder` itself, not the one for
// `&Decoder`: the cell's initializer does not reach the cell.
use std::collections::HashMap;
use std::sync::OnceLock;

#[derive(Clone, Debug, Default)]
pub struct Decoder {
    errors: HashMap<u32, Vec<String>>,
}

impl Default for &Decoder {
    fn default() -> Self {
        static EMPTY: OnceLock<Decoder> = OnceLock::new();
        EMPTY.get_or_init(Decoder::new)
    }
}

impl Decoder {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn known(&self) -> usize {
        self.errors.len()
    }
}
