//! Register access: 32-bit reads and writes at BAR0 offsets. Everything the driver does to the
//! card goes through this trait, so the same code drives a VFIO card and a simulated one.

use std::time::{Duration, Instant};

use crate::error::{DriverError, Result};

pub trait RegisterIo {
    fn read32(&self, offset: u32) -> Result<u32>;
    fn write32(&self, offset: u32, value: u32) -> Result<()>;
}

/// Poll `offset` until `done(value)`, for at most `timeout`. A read of all-ones is reported as
/// surprise removal at once rather than waited out.
pub fn poll(
    io: &dyn RegisterIo,
    offset: u32,
    what: &'static str,
    timeout: Duration,
    done: impl Fn(u32) -> bool,
) -> Result<u32> {
    let start = Instant::now();
    let mut spins = 0u32;
    loop {
        let v = io.read32(offset)?;
        if v == u32::MAX {
            return Err(DriverError::SurpriseRemoval);
        }
        if done(v) {
            return Ok(v);
        }
        if start.elapsed() >= timeout {
            return Err(DriverError::Timeout {
                what,
                millis: timeout.as_millis() as u64,
            });
        }
        spins += 1;
        if spins > 64 {
            std::thread::yield_now();
        }
    }
}
