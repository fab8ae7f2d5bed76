//! The VFIO backend: a real card bound to vfio-pci. Open by PCI address through its IOMMU group,
//! check its identity in config space, reset it, set Bus Master Enable (vfio-pci does not),
//! map BAR0, map DMA memory with `vfio_dma_map`, MSI-X vector 0 on an eventfd. Bus Master
//! Enable is cleared again on drop, after the driver has quiesced the card.

mod dma;
mod mmio;
pub mod pci;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use vfio_ioctls::{VfioContainer, VfioDevice, VfioOps};
use vmm_sys_util::epoll::{ControlOperation, Epoll, EpollEvent, EventSet};
use vmm_sys_util::eventfd::{EventFd, EFD_NONBLOCK};

use crate::dma::{DmaAllocator, DmaBuffer};
use crate::error::{DriverError, Result};
use crate::irq::Interrupts;
use crate::regif::RegisterIo;

pub use pci::{preflight, PciAddress, Roots};

/// The first IOVA handed out; buffers follow, page-aligned, never reused.
const IOVA_BASE: u64 = 0x10_0000_0000;

use macsec_model::regmap::pci as pci_id;

/// VFIO's config-space region and the command register.
const CONFIG_REGION: u32 = vfio_bindings::bindings::vfio::VFIO_PCI_CONFIG_REGION_INDEX;
const COMMAND: u64 = 0x04;
const COMMAND_MEMORY: u16 = 1 << 1;
const COMMAND_BUS_MASTER: u16 = 1 << 2;

/// A card opened through VFIO.
pub struct VfioCard {
    device: VfioDevice,
    container: Arc<VfioContainer>,
    bar: mmio::Bar,
    irq: Option<(EventFd, Epoll)>,
    next_iova: AtomicU64,
}

impl std::fmt::Debug for VfioCard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("VfioCard")
    }
}

fn vfio(what: &str) -> impl Fn(vfio_ioctls::VfioError) -> DriverError + '_ {
    move |e| DriverError::Vfio(format!("{what}: {e}"))
}

impl VfioCard {
    /// Open the card at `addr` (checks first, then the ioctls), reset it, map BAR0 and arm MSI-X.
    pub fn open(addr: PciAddress) -> Result<VfioCard> {
        let found = preflight(addr, &Roots::default())?;
        let container = Arc::new(VfioContainer::new(None).map_err(vfio("opening the container"))?);
        let ops: Arc<dyn VfioOps> = container.clone();
        let device = VfioDevice::new(&found.sysfs_path, ops).map_err(vfio("opening the device"))?;
        let cfg = |off: u64| {
            let mut b = [0u8; 2];
            device.region_read(CONFIG_REGION, &mut b, off);
            u16::from_le_bytes(b)
        };
        let (vendor, dev_id) = (cfg(0), cfg(2));
        if (vendor, dev_id) != (pci_id::VENDOR_ID, pci_id::DEVICE_ID) {
            return Err(DriverError::NoDevice(format!(
                "{addr} is {vendor:04x}:{dev_id:04x}, not a MACsec card ({:04x}:{:04x})",
                pci_id::VENDOR_ID,
                pci_id::DEVICE_ID
            )));
        }
        device.reset();
        // Memory decode and Bus Master Enable: without the latter a PCI function may not DMA
        // or send MSI-X messages, and vfio-pci leaves it to the driver.
        let cmd = cfg(COMMAND) | COMMAND_MEMORY | COMMAND_BUS_MASTER;
        device.region_write(CONFIG_REGION, &cmd.to_le_bytes(), COMMAND);
        if cfg(COMMAND) & COMMAND_BUS_MASTER == 0 {
            return Err(DriverError::NoDevice(format!(
                "{addr}: Bus Master Enable does not stay set in the command register"
            )));
        }
        let size = device.get_region_size(0);
        if size == 0 {
            return Err(DriverError::Vfio(format!("{addr} has no BAR0")));
        }
        let len = size.min(macsec_model::regmap::BAR0_SIZE as u64 * 16) as usize;
        let bar = mmio::Bar::map(&device, device.get_region_offset(0), len)?;
        let irq = Self::msix(&device).ok();
        Ok(VfioCard {
            device,
            container,
            bar,
            irq,
            next_iova: AtomicU64::new(IOVA_BASE),
        })
    }

    /// The test BAR of a card served by `macsec serve` (BAR4), mapped; an error for a card
    /// without one (hardware has none).
    pub fn test_bar(&self) -> Result<Box<dyn crate::conformance::TestBarIo>> {
        let tb = macsec_model::regmap::test_bar::BAR;
        let size = self.device.get_region_size(tb);
        if size < macsec_model::regmap::test_bar::SIZE as u64 {
            return Err(DriverError::NoDevice(
                "this function has no test BAR (BAR4): only a card served by `macsec serve` has one".into(),
            ));
        }
        let bar = mmio::Bar::map(
            &self.device,
            self.device.get_region_offset(tb),
            size as usize,
        )?;
        Ok(Box::new(MappedTestBar(bar)))
    }

    fn msix(device: &VfioDevice) -> Result<(EventFd, Epoll)> {
        let efd =
            EventFd::new(EFD_NONBLOCK).map_err(|e| DriverError::Vfio(format!("eventfd: {e}")))?;
        device
            .enable_msix(vec![&efd])
            .map_err(vfio("enabling MSI-X"))?;
        let ep = Epoll::new().map_err(|e| DriverError::Vfio(format!("epoll: {e}")))?;
        use std::os::fd::AsRawFd;
        ep.ctl(
            ControlOperation::Add,
            efd.as_raw_fd(),
            EpollEvent::new(EventSet::IN, 0),
        )
        .map_err(|e| DriverError::Vfio(format!("epoll: {e}")))?;
        Ok((efd, ep))
    }
}

/// A mapped test BAR: 32-bit accesses, each its own MMIO transaction.
struct MappedTestBar(mmio::Bar);

impl crate::conformance::TestBarIo for MappedTestBar {
    fn read32(&self, offset: u32) -> Result<u32> {
        self.0.read32(offset)
    }
    fn write32(&self, offset: u32, value: u32) -> Result<()> {
        self.0.write32(offset, value)
    }
}

impl Drop for VfioCard {
    fn drop(&mut self) {
        // The driver has quiesced the card (rings off, reset); from here it may not master the
        // bus. Its DMA buffers were unmapped when the driver's rings went.
        let mut b = [0u8; 2];
        self.device.region_read(CONFIG_REGION, &mut b, COMMAND);
        let cmd = u16::from_le_bytes(b) & !COMMAND_BUS_MASTER;
        self.device
            .region_write(CONFIG_REGION, &cmd.to_le_bytes(), COMMAND);
    }
}

impl VfioCard {
    fn command(&self) -> u16 {
        let mut b = [0u8; 2];
        self.device.region_read(CONFIG_REGION, &mut b, COMMAND);
        u16::from_le_bytes(b)
    }

    fn set_command(&self, cmd: u16) -> Result<()> {
        self.device
            .region_write(CONFIG_REGION, &cmd.to_le_bytes(), COMMAND);
        if self.command() != cmd {
            return Err(DriverError::Vfio(format!(
                "the command register does not keep {cmd:#06x}"
            )));
        }
        Ok(())
    }
}

impl RegisterIo for VfioCard {
    fn set_bus_master(&self, on: bool) -> Result<()> {
        let cmd = self.command();
        self.set_command(if on {
            cmd | COMMAND_BUS_MASTER
        } else {
            cmd & !COMMAND_BUS_MASTER
        })
    }

    /// VFIO_DEVICE_RESET (vfio-pci uses Function Level Reset where the card has it and
    /// restores config space around it), then the command register as it was.
    fn function_reset(&self) -> Result<()> {
        let cmd = self.command();
        self.device.reset();
        self.set_command(cmd)
    }

    fn read32(&self, offset: u32) -> Result<u32> {
        self.bar.read32(offset)
    }
    fn write32(&self, offset: u32, value: u32) -> Result<()> {
        // Descriptors written to DMA memory must be visible before a doorbell reaches the card.
        crate::barrier::dma_wmb();
        self.bar.write32(offset, value)
    }
}

impl DmaAllocator for VfioCard {
    fn alloc_dma(&self, len: usize) -> Result<Box<dyn DmaBuffer>> {
        let pages = (len as u64).div_ceil(4096) * 4096;
        let iova = self.next_iova.fetch_add(pages + 4096, Ordering::Relaxed);
        Ok(Box::new(dma::alloc(self.container.clone(), iova, len)?))
    }
}

impl Interrupts for VfioCard {
    fn wait_irq(&self, timeout: Duration) -> Result<bool> {
        let Some((efd, ep)) = &self.irq else {
            // No MSI-X: poll the interrupt registers instead.
            use macsec_model::regmap::card as c;
            let start = std::time::Instant::now();
            loop {
                let st = self.read32(c::IRQ_STATUS.offset)? & self.read32(c::IRQ_MASK.offset)?;
                if st != 0 {
                    return Ok(true);
                }
                if start.elapsed() >= timeout {
                    return Ok(false);
                }
                std::thread::sleep(Duration::from_micros(50));
            }
        };
        let mut ev = [EpollEvent::default()];
        let ms = timeout.as_millis().min(i32::MAX as u128) as i32;
        let n = ep
            .wait(ms, &mut ev)
            .map_err(|e| DriverError::backend("waiting for MSI-X", e))?;
        if n > 0 {
            let _ = efd.read();
        }
        Ok(n > 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_a_device_the_error_says_what_is_missing() {
        // No such function exists anywhere; the first missing piece is reported, never a panic.
        let e = VfioCard::open("0000:ff:1f.7".parse().unwrap()).unwrap_err();
        let m = e.to_string();
        assert!(matches!(e, DriverError::NoDevice(_)), "{m}");
        assert!(m.contains("vfio") || m.contains("0000:ff:1f.7"), "{m}");
    }
}
