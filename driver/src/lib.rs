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
