//! The vfio-user backend: a card served over a UNIX socket (`macsec serve`), reached the way
//! QEMU's `vfio-user-pci` reaches it — register accesses as messages (writes posted, as PCIe
//! posts them), DMA memory in memfds shared with the server, MSI-X on an eventfd — but with no
//! guest and no kernel VFIO in between. The card runs on the server's threads, concurrently
//! with this driver, so this backend sees the orderings a real card shows.
#![allow(unsafe_code)]

use std::os::fd::OwnedFd;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use macsec_model::regmap::pci as pci_id;
use macsec_vfio_user::wire::region;
use macsec_vfio_user::Client;
use memmap2::MmapOptions;
use rustix::event::{eventfd, poll, EventfdFlags, PollFd, PollFlags, Timespec};
use rustix::fs::{ftruncate, memfd_create, MemfdFlags};

use crate::dma::{DmaAllocator, DmaBuffer};
use crate::error::{DriverError, Result};
use crate::irq::Interrupts;
use crate::mapped::Mapped;
use crate::regif::RegisterIo;

const IOVA_BASE: u64 = 0x10_0000_0000;
const COMMAND: u64 = 0x04;
const COMMAND_MEMORY: u16 = 1 << 1;
const COMMAND_BUS_MASTER: u16 = 1 << 2;

/// A card behind a vfio-user socket.
pub struct VfioUserCard {
    client: Arc<Client>,
    irq: OwnedFd,
    next_iova: AtomicU64,
}

impl std::fmt::Debug for VfioUserCard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("VfioUserCard")
    }
}

fn io(what: &str) -> impl Fn(macsec_vfio_user::ClientError) -> DriverError + '_ {
    move |e| DriverError::backend(what.to_string(), e)
}

impl VfioUserCard {
    /// Connect to the server at `socket`, check the function's identity, reset it, enable
    /// memory decode and Bus Master, and give MSI-X vector 0 an eventfd.
    pub fn open(socket: &Path) -> Result<VfioUserCard> {
        let client = Client::connect(socket).map_err(|e| match e {
            macsec_vfio_user::ClientError::Connect { .. } => DriverError::NoDevice(format!(
                "{e} (is `macsec serve --socket {}` running?)",
                socket.display()
            )),
            other => DriverError::backend("vfio-user version", other),
        })?;
        let (flags, regions, _irqs) = client.device_info().map_err(io("DEVICE_GET_INFO"))?;
        if flags & macsec_vfio_user::wire::DEVICE_FLAGS_PCI == 0 || regions <= region::CONFIG {
            return Err(DriverError::NoDevice(format!(
                "{}: not a PCI function ({regions} regions)",
                socket.display()
            )));
        }
        let bar0 = client
            .region_info(pci_id::REGS_BAR)
            .map_err(io("region info"))?;
        if bar0.size < macsec_model::regmap::BAR0_SIZE as u64 {
            return Err(DriverError::NoDevice(format!(
                "{}: BAR0 is {} octets",
                socket.display(),
                bar0.size
            )));
        }
        let card = VfioUserCard {
            client: Arc::new(client),
            irq: eventfd(0, EventfdFlags::CLOEXEC | EventfdFlags::NONBLOCK)
                .map_err(|e| DriverError::backend("eventfd", std::io::Error::from(e)))?,
            next_iova: AtomicU64::new(IOVA_BASE),
        };
        let (vendor, device) = (card.cfg16(0)?, card.cfg16(2)?);
        if (vendor, device) != (pci_id::VENDOR_ID, pci_id::DEVICE_ID) {
            return Err(DriverError::NoDevice(format!(
                "{} serves {vendor:04x}:{device:04x}, not a MACsec card",
                socket.display()
            )));
        }
        card.client.reset().map_err(io("device reset"))?;
        let cmd = card.cfg16(COMMAND)? | COMMAND_MEMORY | COMMAND_BUS_MASTER;
        card.set_cfg16(COMMAND, cmd)?;
        card.client
            .set_msix(0, &card.irq)
            .map_err(io("MSI-X eventfd"))?;
        Ok(card)
    }

    fn cfg16(&self, off: u64) -> Result<u16> {
        let mut b = [0u8; 2];
        self.client
            .region_read(region::CONFIG, off, &mut b)
            .map_err(io("config read"))?;
        Ok(u16::from_le_bytes(b))
    }

    fn set_cfg16(&self, off: u64, v: u16) -> Result<()> {
        self.client
            .region_write(region::CONFIG, off, &v.to_le_bytes())
            .map_err(io("config write"))
    }

    /// Config space's command register (Bus Master Enable is bit 2).
    pub fn command(&self) -> Result<u16> {
        self.cfg16(COMMAND)
    }
}

/// The test BAR of a served card, through the same connection (frames in one message each).
struct ClientTestBar(Arc<Client>);

impl crate::conformance::TestBarIo for ClientTestBar {
    fn read32(&self, offset: u32) -> Result<u32> {
        let mut b = [0u8; 4];
        self.read_bytes(offset, &mut b)?;
        Ok(u32::from_le_bytes(b))
    }
    fn write32(&self, offset: u32, value: u32) -> Result<()> {
        self.write_bytes(offset, &value.to_le_bytes())
    }
    fn read_bytes(&self, offset: u32, buf: &mut [u8]) -> Result<()> {
        self.0
            .region_read(macsec_model::regmap::test_bar::BAR, offset as u64, buf)
            .map_err(io("test BAR read"))
    }
    fn write_bytes(&self, offset: u32, data: &[u8]) -> Result<()> {
        self.0
            .region_write(macsec_model::regmap::test_bar::BAR, offset as u64, data)
            .map_err(io("test BAR write"))
    }
}

impl VfioUserCard {
    /// The served card's test BAR (for the conformance suite's port).
    pub fn test_bar(&self) -> Box<dyn crate::conformance::TestBarIo> {
        Box::new(ClientTestBar(self.client.clone()))
    }
}

impl Drop for VfioUserCard {
    fn drop(&mut self) {
        if let Ok(cmd) = self.cfg16(COMMAND) {
            let _ = self.set_cfg16(COMMAND, cmd & !COMMAND_BUS_MASTER);
        }
        self.client.close();
    }
}

impl RegisterIo for VfioUserCard {
    fn set_bus_master(&self, on: bool) -> Result<()> {
        let cmd = self.cfg16(COMMAND)?;
        let cmd = if on {
            cmd | COMMAND_BUS_MASTER
        } else {
            cmd & !COMMAND_BUS_MASTER
        };
        self.set_cfg16(COMMAND, cmd)
    }

    /// A device reset (as Function Level Reset), then the command register restored, as
    /// Linux's `pci_reset_function` restores config space around one.
    fn function_reset(&self) -> Result<()> {
        let cmd = self.cfg16(COMMAND)?;
        self.client.reset().map_err(io("device reset"))?;
        self.set_cfg16(COMMAND, cmd)
    }

    fn read32(&self, offset: u32) -> Result<u32> {
        let mut b = [0u8; 4];
        self.client
            .region_read(pci_id::REGS_BAR, offset as u64, &mut b)
            .map_err(io("BAR0 read"))?;
        Ok(u32::from_le_bytes(b))
    }

    fn write32(&self, offset: u32, value: u32) -> Result<()> {
        crate::barrier::dma_wmb();
        self.client
            .region_write(pci_id::REGS_BAR, offset as u64, &value.to_le_bytes())
            .map_err(io("BAR0 write"))
    }
}

impl DmaAllocator for VfioUserCard {
    fn alloc_dma(&self, len: usize) -> Result<Box<dyn DmaBuffer>> {
        if len == 0 || len > 1 << 30 {
            return Err(DriverError::Dma(format!("cannot allocate {len} octets")));
        }
        let pages = (len as u64).div_ceil(4096) * 4096;
        let iova = self.next_iova.fetch_add(pages + 4096, Ordering::Relaxed);
        let fd = memfd_create("macsec-dma", MemfdFlags::CLOEXEC)
            .map_err(|e| DriverError::backend("memfd_create", std::io::Error::from(e)))?;
        ftruncate(&fd, pages)
            .map_err(|e| DriverError::backend("sizing DMA memory", std::io::Error::from(e)))?;
        let file = std::fs::File::from(fd);
        let map = MmapOptions::new()
            .len(pages as usize)
            .map_raw(&file)
            .map_err(|e| DriverError::backend("mapping DMA memory", e))?;
        self.client
            .dma_map(iova, pages, &file, 0)
            .map_err(io("DMA_MAP"))?;
        let client = self.client.clone();
        let release = Box::new(move |iova: u64, len: usize| {
            let _ = client.dma_unmap(iova, len as u64);
        });
        Ok(Box::new(Mapped::new(map, iova, len, release)))
    }
}

impl Interrupts for VfioUserCard {
    fn wait_irq(&self, timeout: Duration) -> Result<bool> {
        let mut fds = [PollFd::new(&self.irq, PollFlags::IN)];
        let ts = Timespec {
            tv_sec: timeout.as_secs() as i64,
            tv_nsec: timeout.subsec_nanos() as i64,
        };
        let n = loop {
            match poll(&mut fds, Some(&ts)) {
                Ok(n) => break n,
                Err(rustix::io::Errno::INTR) => continue,
                Err(e) => {
                    return Err(DriverError::backend(
                        "waiting for MSI-X",
                        std::io::Error::from(e),
                    ))
                }
            }
        };
        if n > 0 {
            let mut b = [0u8; 8];
            let _ = rustix::io::read(&self.irq, &mut b);
        }
        Ok(n > 0)
    }
}
