//! vfio-user for the MACsec card: the protocol QEMU's `vfio-user-pci` speaks, a server that
//! presents any simulated card ([`macsec_model::card::CardModel`]) as a PCI Express function —
//! config space with the register map's identity, BAR0 = the register map, MSI-X, Function
//! Level Reset, DMA only while Bus Master Enable is set, the card on its own thread — and a
//! client, so the driver can reach a served card without a kernel in between.
//!
//! The protocol is written here rather than taken from rust-vmm's `vfio_user` crate: that
//! crate's server blocks in `accept`/`recv` with no way to stop it on a signal, panics on a
//! malformed VERSION message and allocates whatever size a peer names; a server that a
//! guest's driver talks to must do none of those (see docs/architecture.md).

pub mod client;
pub mod config;
mod dma;
pub mod function;
pub mod server;
pub mod sock;
mod test_bar;
pub mod wire;

pub use client::{Client, ClientError};
pub use dma::{DmaMaps, MapError};
pub use function::{Faults, Function, FunctionStats};
pub use server::{serve, Ended, Listener, ServeError};
