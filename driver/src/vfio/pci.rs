//! Finding a card for VFIO: its PCI address, its driver binding, its IOMMU group — checked in
//! sysfs before any ioctl, so each missing piece gets a sentence that says how to fix it.

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use crate::error::DriverError;

/// A PCI address, `DDDD:BB:DD.F`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PciAddress {
    pub domain: u16,
    pub bus: u8,
    pub device: u8,
    pub function: u8,
}

impl fmt::Display for PciAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04x}:{:02x}:{:02x}.{:x}",
            self.domain, self.bus, self.device, self.function
        )
    }
}

impl FromStr for PciAddress {
    type Err = DriverError;
    /// `DDDD:BB:DD.F`, or `BB:DD.F` for domain 0.
    fn from_str(s: &str) -> Result<Self, DriverError> {
        let bad = || {
            DriverError::Invalid(format!(
                "{} is not a PCI address (DDDD:BB:DD.F)",
                macsec_model::hexstr::preview(s)
            ))
        };
        let (head, func) = s.rsplit_once('.').ok_or_else(bad)?;
        let parts: Vec<&str> = head.split(':').collect();
        let (dom, bus, dev) = match parts.as_slice() {
            [d, b, v] => (*d, *b, *v),
            [b, v] => ("0", *b, *v),
            _ => return Err(bad()),
        };
        let hex = |t: &str, max: u32, digits: usize| {
            if t.is_empty() || t.len() > digits {
                return None;
            }
            u32::from_str_radix(t, 16).ok().filter(|v| *v <= max)
        };
        Ok(PciAddress {
            domain: hex(dom, 0xFFFF, 4).ok_or_else(bad)? as u16,
            bus: hex(bus, 0xFF, 2).ok_or_else(bad)? as u8,
            device: hex(dev, 0x1F, 2).ok_or_else(bad)? as u8,
            function: hex(func, 7, 1).ok_or_else(bad)? as u8,
        })
    }
}

/// Where the kernel's interfaces live (the real ones, or a fake tree in tests).
#[derive(Clone, Debug)]
pub struct Roots {
    pub sysfs: PathBuf,
    pub dev: PathBuf,
}

impl Default for Roots {
    fn default() -> Self {
        Roots {
            sysfs: PathBuf::from("/sys"),
            dev: PathBuf::from("/dev"),
        }
    }
}

/// What the checks found: the device's sysfs path and its IOMMU group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub sysfs_path: PathBuf,
    pub group: u32,
}

fn link_name(p: &Path) -> Option<String> {
    std::fs::read_link(p)
        .ok()
        .and_then(|t| t.file_name().map(|n| n.to_string_lossy().into_owned()))
}

/// Check, in order, everything VFIO needs for `addr`; the first thing missing is the error.
pub fn preflight(addr: PciAddress, roots: &Roots) -> Result<Found, DriverError> {
    let none = DriverError::NoDevice;
    let vfio_dev = roots.dev.join("vfio/vfio");
    if !vfio_dev.exists() {
        return Err(none(format!(
            "VFIO is not available: {} is missing (load the driver: modprobe vfio-pci)",
            vfio_dev.display()
        )));
    }
    let dev = roots.sysfs.join("bus/pci/devices").join(addr.to_string());
    if !dev.exists() {
        return Err(none(format!(
            "no PCI device {addr} (lspci -D lists the devices)"
        )));
    }
    match link_name(&dev.join("driver")).as_deref() {
        Some("vfio-pci") => {}
        other => {
            let now = other.map_or("no driver".to_string(), |d| format!("driver {d}"));
            return Err(none(format!(
                "{addr} is bound to {now}, not vfio-pci: echo vfio-pci > /sys/bus/pci/devices/{addr}/driver_override; \
                 echo {addr} > /sys/bus/pci/devices/{addr}/driver/unbind; echo {addr} > /sys/bus/pci/drivers_probe"
            )));
        }
    }
    let group = link_name(&dev.join("iommu_group"))
        .and_then(|g| g.parse::<u32>().ok())
        .ok_or_else(|| {
            none(format!(
                "{addr} has no IOMMU group: enable the IOMMU (intel_iommu=on or amd_iommu=on on the kernel command line)"
            ))
        })?;
    let group_dev = roots.dev.join(format!("vfio/{group}"));
    if !group_dev.exists() {
        return Err(none(format!(
            "{} is missing: is every device of IOMMU group {group} bound to vfio-pci? (ls /sys/kernel/iommu_groups/{group}/devices)",
            group_dev.display()
        )));
    }
    if std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(&group_dev)
        .is_err()
    {
        return Err(none(format!(
            "cannot open {}: run as root or give your user the group's device",
            group_dev.display()
        )));
    }
    Ok(Found {
        sysfs_path: dev,
        group,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses() {
        let a: PciAddress = "0000:3b:00.1".parse().unwrap();
        assert_eq!((a.domain, a.bus, a.device, a.function), (0, 0x3b, 0, 1));
        assert_eq!(a.to_string(), "0000:3b:00.1");
        assert_eq!("3b:00.1".parse::<PciAddress>().unwrap(), a);
        for bad in [
            "",
            "3b:00",
            "0000:3b:20.0",
            "0000:3b:00.8",
            "x:3b:00.0",
            "00000:3b:00.0",
        ] {
            assert!(bad.parse::<PciAddress>().is_err(), "{bad}");
        }
    }

    /// A fake sysfs/dev tree, built step by step, each step curing the previous error.
    #[test]
    fn preflight_names_each_missing_piece() {
        let root = std::env::temp_dir().join(format!("macsec-vfio-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let roots = Roots {
            sysfs: root.join("sys"),
            dev: root.join("dev"),
        };
        let addr: PciAddress = "0000:01:00.0".parse().unwrap();
        let err = |r: Result<Found, DriverError>| r.unwrap_err().to_string();

        assert!(err(preflight(addr, &roots)).contains("modprobe vfio-pci"));
        std::fs::create_dir_all(roots.dev.join("vfio")).unwrap();
        std::fs::write(roots.dev.join("vfio/vfio"), "").unwrap();
        assert!(err(preflight(addr, &roots)).contains("no PCI device 0000:01:00.0"));

        let dev = roots.sysfs.join("bus/pci/devices/0000:01:00.0");
        std::fs::create_dir_all(&dev).unwrap();
        assert!(err(preflight(addr, &roots)).contains("bound to no driver"));
        std::fs::create_dir_all(root.join("drivers/ixgbe")).unwrap();
        std::os::unix::fs::symlink(root.join("drivers/ixgbe"), dev.join("driver")).unwrap();
        assert!(err(preflight(addr, &roots)).contains("bound to driver ixgbe, not vfio-pci"));
        std::fs::remove_file(dev.join("driver")).unwrap();
        std::fs::create_dir_all(root.join("drivers/vfio-pci")).unwrap();
        std::os::unix::fs::symlink(root.join("drivers/vfio-pci"), dev.join("driver")).unwrap();
        assert!(err(preflight(addr, &roots)).contains("no IOMMU group"));

        std::fs::create_dir_all(root.join("groups/17")).unwrap();
        std::os::unix::fs::symlink(root.join("groups/17"), dev.join("iommu_group")).unwrap();
        assert!(err(preflight(addr, &roots)).contains("IOMMU group 17"));
        std::fs::write(roots.dev.join("vfio/17"), "").unwrap();
        let found = preflight(addr, &roots).unwrap();
        assert_eq!(found.group, 17);
        let _ = std::fs::remove_dir_all(&root);
    }
}
