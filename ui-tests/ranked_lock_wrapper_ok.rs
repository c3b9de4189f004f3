// The same ranked mutex, with both functions taking the trackers before the fence: each
// field is a lock of its own, and they are taken in one order.
use std::ops::Deref;

pub struct Mutex<T> {
    inner: parking_lot::Mutex<T>,
    rank: u32,
}

pub struct MutexGuard<'a, T> {
    inner: parking_lot::MutexGuard<'a, T>,
    rank: u32,
}

impl<T> Mutex<T> {
    pub fn new(rank: u32, value: T) -> Self {
        Mutex {
            inner: parking_lot::Mutex::new(value),
            rank,
        }
    }

    pub fn lock(&self) -> MutexGuard<'_, T> {
        MutexGuard {
            inner: self.inner.lock(),
            rank: self.rank,
        }
    }
}

impl<'a, T> Deref for MutexGuard<'a, T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.inner
    }
}

pub struct Device {
    trackers: Mutex<Vec<u32>>,
    fence: Mutex<u64>,
}

impl Device {
    pub fn submit(&self) -> usize {
        let trackers = self.trackers.lock();
        let fence = self.fence.lock();
        trackers.len() + *fence as usize
    }

    pub fn poll(&self) -> usize {
        let trackers = self.trackers.lock();
        let fence = self.fence.lock();
        trackers.len() + *fence as usize
    }
}
