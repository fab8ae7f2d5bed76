//! Interrupts: wait for the card's interrupt line, with a timeout.

use std::time::Duration;

use crate::error::Result;

pub trait Interrupts {
    /// Wait until the card interrupts or `timeout` passes; true if it interrupted.
    fn wait_irq(&self, timeout: Duration) -> Result<bool>;
}
