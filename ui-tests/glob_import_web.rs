// Modules that glob-import each other in every direction (`use super::*` everywhere, as in
// sled): name resolution must visit each (module, name) once, not every path through them.
use std::sync::Mutex;

mod m0 {
    use super::*;
    use crate::m1::*;
    use crate::m2::*;
    use crate::m3::*;
    use crate::m4::*;
    use crate::m5::*;
    use crate::m6::*;
    use crate::m7::*;
    use crate::m8::*;
    use crate::m9::*;
    pub static LOCK_0: Mutex<u8> = Mutex::new(0);
    pub fn step_0() { let _a = LOCK_0.lock().unwrap(); let _b = LOCK_1.lock().unwrap(); let _ = Missing::new(); }
}

mod m1 {
    use super::*;
    use crate::m0::*;
    use crate::m2::*;
    use crate::m3::*;
    use crate::m4::*;
    use crate::m5::*;
    use crate::m6::*;
    use crate::m7::*;
    use crate::m8::*;
    use crate::m9::*;
    pub static LOCK_1: Mutex<u8> = Mutex::new(0);
    pub fn step_1() { let _a = LOCK_1.lock().unwrap(); let _b = LOCK_2.lock().unwrap(); let _ = Missing::new(); }
}

mod m2 {
    use super::*;
    use crate::m0::*;
    use crate::m1::*;
    use crate::m3::*;
    use crate::m4::*;
    use crate::m5::*;
    use crate::m6::*;
    use crate::m7::*;
    use crate::m8::*;
    use crate::m9::*;
    pub static LOCK_2: Mutex<u8> = Mutex::new(0);
    pub fn step_2() { let _a = LOCK_2.lock().unwrap(); let _b = LOCK_3.lock().unwrap(); let _ = Missing::new(); }
}

mod m3 {
    use super::*;
    use crate::m0::*;
    use crate::m1::*;
    use crate::m2::*;
    use crate::m4::*;
    use crate::m5::*;
    use crate::m6::*;
    use crate::m7::*;
    use crate::m8::*;
    use crate::m9::*;
    pub static LOCK_3: Mutex<u8> = Mutex::new(0);
    pub fn step_3() { let _a = LOCK_3.lock().unwrap(); let _b = LOCK_4.lock().unwrap(); let _ = Missing::new(); }
}

mod m4 {
    use super::*;
    use crate::m0::*;
    use crate::m1::*;
    use crate::m2::*;
    use crate::m3::*;
    use crate::m5::*;
    use crate::m6::*;
    use crate::m7::*;
    use crate::m8::*;
    use crate::m9::*;
    pub static LOCK_4: Mutex<u8> = Mutex::new(0);
    pub fn step_4() { let _a = LOCK_4.lock().unwrap(); let _b = LOCK_5.lock().unwrap(); let _ = Missing::new(); }
}

mod m5 {
    use super::*;
    use crate::m0::*;
    use crate::m1::*;
    use crate::m2::*;
    use crate::m3::*;
    use crate::m4::*;
    use crate::m6::*;
    use crate::m7::*;
    use crate::m8::*;
    use crate::m9::*;
    pub static LOCK_5: Mutex<u8> = Mutex::new(0);
    pub fn step_5() { let _a = LOCK_5.lock().unwrap(); let _b = LOCK_6.lock().unwrap(); let _ = Missing::new(); }
}

mod m6 {
    use super::*;
    use crate::m0::*;
    use crate::m1::*;
    use crate::m2::*;
    use crate::m3::*;
    use crate::m4::*;
    use crate::m5::*;
    use crate::m7::*;
    use crate::m8::*;
    use crate::m9::*;
    pub static LOCK_6: Mutex<u8> = Mutex::new(0);
    pub fn step_6() { let _a = LOCK_6.lock().unwrap(); let _b = LOCK_7.lock().unwrap(); let _ = Missing::new(); }
}

mod m7 {
    use super::*;
    use crate::m0::*;
    use crate::m1::*;
    use crate::m2::*;
    use crate::m3::*;
    use crate::m4::*;
    use crate::m5::*;
    use crate::m6::*;
    use crate::m8::*;
    use crate::m9::*;
    pub static LOCK_7: Mutex<u8> = Mutex::new(0);
    pub fn step_7() { let _a = LOCK_7.lock().unwrap(); let _b = LOCK_8.lock().unwrap(); let _ = Missing::new(); }
}

mod m8 {
    use super::*;
    use crate::m0::*;
    use crate::m1::*;
    use crate::m2::*;
    use crate::m3::*;
    use crate::m4::*;
    use crate::m5::*;
    use crate::m6::*;
    use crate::m7::*;
    use crate::m9::*;
    pub static LOCK_8: Mutex<u8> = Mutex::new(0);
    pub fn step_8() { let _a = LOCK_8.lock().unwrap(); let _b = LOCK_9.lock().unwrap(); let _ = Missing::new(); }
}

mod m9 {
    use super::*;
    use crate::m0::*;
    use crate::m1::*;
    use crate::m2::*;
    use crate::m3::*;
    use crate::m4::*;
    use crate::m5::*;
    use crate::m6::*;
    use crate::m7::*;
    use crate::m8::*;
    pub static LOCK_9: Mutex<u8> = Mutex::new(0);
    pub fn step_9() { let _a = LOCK_9.lock().unwrap(); let _b = LOCK_0.lock().unwrap(); let _ = Missing::new(); }
}
