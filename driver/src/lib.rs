//! The host driver of the MACsec card (register access, DMA, interrupts; VFIO and simulated).
//!
//! Empty until the driver issue fills it; nothing here pretends to work yet.
