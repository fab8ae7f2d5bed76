//! Register access: 32-bit reads and writes at BAR0 offsets. Everything the driver does to the
//! card goes through this trait, so the same code drives a VFIO card and a simulated one.

use std::time::{Duration, Instant};

use crate::error::{DriverError, Result};

/// Whose time a wait is measured in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Clock {
    /// A real card: the wall clock.
    Wall,
    /// A simulated card: it advances only when it is accessed or run, so its waits are counted
    /// in register polls. A slow or busy host never makes it time out.
    Simulated,
}

pub trait RegisterIo {
    fn read32(&self, offset: u32) -> Result<u32>;
    fn write32(&self, offset: u32, value: u32) -> Result<()>;
    /// Whose time the driver's waits on this card are measured in.
    fn clock(&self) -> Clock {
        Clock::Wall
    }
    /// Whether [`crate::Card`] quiesces and resets the card when it is dropped (true: a real
    /// card, or a served one, as vfio-pci itself resets a function on release). The in-process
    /// simulation says no, so a test can look at the card after the driver has gone.
    fn quiesce_on_close(&self) -> bool {
        true
    }
    /// Set or clear Bus Master Enable in PCI config space (a PCI function only: for fault
    /// tests, and for a driver that must stop a card's DMA at once).
    fn set_bus_master(&self, _on: bool) -> Result<()> {
        Err(DriverError::Invalid(
            "this backend has no PCI config space".into(),
        ))
    }
    /// A PCI Function Level Reset, config space restored after it (a PCI function only).
    fn function_reset(&self) -> Result<()> {
        Err(DriverError::Invalid(
            "this backend has no PCI function to reset".into(),
        ))
    }
}

/// Polls a simulated card gets for each millisecond of a timeout: far more card cycles than
/// any operation of the register map takes, whatever the host's speed.
pub const SIM_POLLS_PER_MS: u64 = 100;

/// Poll `offset` until `done(value)`, for at most `timeout` (a simulated card: at most
/// [`SIM_POLLS_PER_MS`] polls per millisecond of it). A read of all-ones is reported as
/// surprise removal at once rather than waited out.
pub fn poll(
    io: &dyn RegisterIo,
    offset: u32,
    what: &'static str,
    timeout: Duration,
    done: impl Fn(u32) -> bool,
) -> Result<u32> {
    let start = Instant::now();
    let clock = io.clock();
    let budget = (timeout.as_millis() as u64).max(1) * SIM_POLLS_PER_MS;
    let mut spins = 0u64;
    loop {
        let v = io.read32(offset)?;
        if v == u32::MAX {
            return Err(DriverError::SurpriseRemoval);
        }
        if done(v) {
            return Ok(v);
        }
        let expired = match clock {
            Clock::Wall => start.elapsed() >= timeout,
            Clock::Simulated => spins >= budget,
        };
        if expired {
            return Err(DriverError::Timeout {
                what,
                after: match clock {
                    Clock::Wall => format!("{} ms", timeout.as_millis()),
                    Clock::Simulated => format!("{spins} polls of the simulated card"),
                },
            });
        }
        spins += 1;
        if clock == Clock::Wall && spins > 64 {
            // A busy bit that did not clear at once: back off (1 µs doubling to 1 ms), so a
            // long operation does not keep a core and the bus busy with reads.
            let shift = (spins - 64).min(10) as u32;
            std::thread::sleep(Duration::from_micros(1 << shift).min(timeout));
        }
    }
}
