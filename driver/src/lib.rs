//! The host driver of the MACsec card.
//!
//! The card is reached through three small traits — [`RegisterIo`] (BAR0), [`DmaAllocator`]
//! (DMA memory) and [`Interrupts`] — so the same [`Card`] code drives a real card over VFIO
//! ([`vfio`]) and any simulated card ([`sim`]). Everything it knows about the card comes from
//! `macsec_model::regmap`, the single register map.

mod apply;
mod barrier;
mod card;
pub mod conformance;
mod discover;
pub mod dma;
pub mod error;
pub mod irq;
#[cfg(target_os = "linux")]
mod mapped;
pub mod regif;
mod ring;
mod sa;
pub mod sim;
mod stats;
#[cfg(target_os = "linux")]
pub mod vfio;
#[cfg(target_os = "linux")]
pub mod vfio_user;

pub use card::{Card, CardInfo};
pub use discover::BlockInfo;
pub use dma::{DmaAllocator, DmaBuffer};
pub use error::{DriverError, Result};
pub use irq::Interrupts;
pub use regif::RegisterIo;
pub use ring::{RxCompletion, TxCompletion};
pub use sa::{RxSaState, RxScState, TxSaState};
pub use stats::CardCounters;

/// Everything a card backend provides.
pub trait Device: RegisterIo + DmaAllocator + Interrupts + Send {}

impl<T: RegisterIo + DmaAllocator + Interrupts + Send> Device for T {}

/// An opened card, and its test BAR when one was asked for.
pub type Opened = (Box<dyn Device>, Option<Box<dyn conformance::TestBarIo>>);

/// Open a card by the name users give it: `vfio:DDDD:BB:DD.F` (bound to vfio-pci) or
/// `vfio-user:SOCKET` (served by `macsec serve`). With `test_bar`, also the served card's test
/// BAR, for the conformance suite.
#[cfg(target_os = "linux")]
pub fn open_device(spec: &str, test_bar: bool) -> Result<Opened> {
    if let Some(path) = spec.strip_prefix("vfio-user:") {
        let dev = vfio_user::VfioUserCard::open(std::path::Path::new(path))?;
        let bar = test_bar.then(|| dev.test_bar());
        return Ok((Box::new(dev), bar));
    }
    if let Some(addr) = spec.strip_prefix("vfio:") {
        let dev = vfio::VfioCard::open(addr.parse()?)?;
        let bar = if test_bar {
            Some(dev.test_bar()?)
        } else {
            None
        };
        return Ok((Box::new(dev), bar));
    }
    Err(DriverError::Invalid(format!(
        "{}: expected vfio:DDDD:BB:DD.F or vfio-user:SOCKET",
        macsec_model::hexstr::preview(spec)
    )))
}
