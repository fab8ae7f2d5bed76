//! The vfio-user messages (the protocol QEMU's `vfio-user-pci` speaks): a 16-octet header and
//! the fixed part of each command, little-endian, parsed by hand so a malformed message from
//! the peer is an error, never a panic or an allocation of its choosing. Wire formats only;
//! what a command does is the server's business.

use thiserror::Error;

/// The header of every message.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Header {
    pub id: u16,
    pub command: u16,
    /// The whole message, header included.
    pub size: u32,
    pub flags: u32,
    pub error: u32,
}

pub const HEADER_LEN: usize = 16;

/// Header flags.
pub const FLAG_REPLY: u32 = 0x1;
pub const FLAG_TYPE_MASK: u32 = 0xF;
pub const FLAG_NO_REPLY: u32 = 0x10;
pub const FLAG_ERROR: u32 = 0x20;

/// Commands.
pub mod cmd {
    pub const VERSION: u16 = 1;
    pub const DMA_MAP: u16 = 2;
    pub const DMA_UNMAP: u16 = 3;
    pub const DEVICE_GET_INFO: u16 = 4;
    pub const DEVICE_GET_REGION_INFO: u16 = 5;
    pub const DEVICE_GET_REGION_IO_FDS: u16 = 6;
    pub const DEVICE_GET_IRQ_INFO: u16 = 7;
    pub const DEVICE_SET_IRQS: u16 = 8;
    pub const REGION_READ: u16 = 9;
    pub const REGION_WRITE: u16 = 10;
    pub const DMA_READ: u16 = 11;
    pub const DMA_WRITE: u16 = 12;
    pub const DEVICE_RESET: u16 = 13;
    pub const DIRTY_PAGES: u16 = 14;
    pub const REGION_WRITE_MULTI: u16 = 15;
}

/// VFIO's PCI region indices (linux/vfio.h).
pub mod region {
    pub const BAR0: u32 = 0;
    pub const BAR5: u32 = 5;
    pub const ROM: u32 = 6;
    pub const CONFIG: u32 = 7;
    pub const VGA: u32 = 8;
    pub const COUNT: u32 = 9;
    pub const FLAG_READ: u32 = 1 << 0;
    pub const FLAG_WRITE: u32 = 1 << 1;
}

/// VFIO's PCI interrupt indices and flags (linux/vfio.h).
pub mod irq {
    pub const INTX: u32 = 0;
    pub const MSI: u32 = 1;
    pub const MSIX: u32 = 2;
    pub const ERR: u32 = 3;
    pub const REQ: u32 = 4;
    pub const COUNT: u32 = 5;
    pub const INFO_EVENTFD: u32 = 1 << 0;
    pub const INFO_NORESIZE: u32 = 1 << 3;
    pub const SET_DATA_NONE: u32 = 1 << 0;
    pub const SET_DATA_BOOL: u32 = 1 << 1;
    pub const SET_DATA_EVENTFD: u32 = 1 << 2;
    pub const SET_DATA_MASK: u32 = 0x7;
    pub const SET_ACTION_MASK: u32 = 1 << 3;
    pub const SET_ACTION_UNMASK: u32 = 1 << 4;
    pub const SET_ACTION_TRIGGER: u32 = 1 << 5;
    pub const SET_ACTION_MASK_ALL: u32 = 0x38;
}

/// VFIO device flags.
pub const DEVICE_FLAGS_RESET: u32 = 1 << 0;
pub const DEVICE_FLAGS_PCI: u32 = 1 << 1;
/// DMA map flags.
pub const DMA_READ_FLAG: u32 = 1 << 0;
pub const DMA_WRITE_FLAG: u32 = 1 << 1;

/// The largest message either side accepts: a region access of `MAX_XFER` octets plus its
/// header, or a version message's capabilities.
pub const MAX_XFER: usize = 1 << 20;
pub const MAX_MESSAGE: usize = MAX_XFER + 64;
/// File descriptors one message may carry.
pub const MAX_FDS: usize = 16;

#[derive(Debug, Error, PartialEq, Eq)]
pub enum WireError {
    #[error("message too short: {what} needs {need} octets, has {have}")]
    Short {
        what: &'static str,
        need: usize,
        have: usize,
    },
    #[error("message size {0} is outside {HEADER_LEN}..={MAX_MESSAGE}")]
    Size(u32),
    #[error("{0}")]
    Bad(String),
}

/// Little-endian readers over a message body, failing with the field's name.
#[derive(Debug)]
pub struct Reader<'a> {
    what: &'static str,
    buf: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    pub fn new(what: &'static str, buf: &'a [u8]) -> Reader<'a> {
        Reader { what, buf, at: 0 }
    }
    pub fn bytes(&mut self, n: usize) -> Result<&'a [u8], WireError> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.buf.len());
        let end = end.ok_or(WireError::Short {
            what: self.what,
            need: self.at.saturating_add(n),
            have: self.buf.len(),
        })?;
        let s = &self.buf[self.at..end];
        self.at = end;
        Ok(s)
    }
    pub fn u16(&mut self) -> Result<u16, WireError> {
        let b = self.bytes(2)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }
    pub fn u32(&mut self) -> Result<u32, WireError> {
        let b = self.bytes(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    pub fn u64(&mut self) -> Result<u64, WireError> {
        Ok(self.u32()? as u64 | (self.u32()? as u64) << 32)
    }
    pub fn rest(&mut self) -> &'a [u8] {
        let s = &self.buf[self.at..];
        self.at = self.buf.len();
        s
    }
}

/// A message body being built.
#[derive(Debug, Default)]
pub struct Writer(pub Vec<u8>);

impl Writer {
    pub fn u16(mut self, v: u16) -> Self {
        self.0.extend_from_slice(&v.to_le_bytes());
        self
    }
    pub fn u32(mut self, v: u32) -> Self {
        self.0.extend_from_slice(&v.to_le_bytes());
        self
    }
    pub fn u64(mut self, v: u64) -> Self {
        self.0.extend_from_slice(&v.to_le_bytes());
        self
    }
    pub fn bytes(mut self, b: &[u8]) -> Self {
        self.0.extend_from_slice(b);
        self
    }
}

impl Header {
    pub fn parse(b: &[u8; HEADER_LEN]) -> Result<Header, WireError> {
        let mut r = Reader::new("header", b);
        let h = Header {
            id: r.u16()?,
            command: r.u16()?,
            size: r.u32()?,
            flags: r.u32()?,
            error: r.u32()?,
        };
        if (h.size as usize) < HEADER_LEN || h.size as usize > MAX_MESSAGE {
            return Err(WireError::Size(h.size));
        }
        Ok(h)
    }

    pub fn encode(&self) -> [u8; HEADER_LEN] {
        let v = Writer::default()
            .u16(self.id)
            .u16(self.command)
            .u32(self.size)
            .u32(self.flags)
            .u32(self.error)
            .0;
        let mut out = [0u8; HEADER_LEN];
        out.copy_from_slice(&v);
        out
    }

    pub fn is_reply(&self) -> bool {
        self.flags & FLAG_TYPE_MASK == FLAG_REPLY
    }

    pub fn wants_reply(&self) -> bool {
        self.flags & FLAG_NO_REPLY == 0
    }

    /// The reply to this request, with a body of `body_len` octets.
    pub fn reply(&self, body_len: usize) -> Header {
        Header {
            id: self.id,
            command: self.command,
            size: (HEADER_LEN + body_len) as u32,
            flags: FLAG_REPLY,
            error: 0,
        }
    }

    /// The error reply to this request (`errno` from libc's numbering).
    pub fn error_reply(&self, errno: i32) -> Header {
        Header {
            id: self.id,
            command: self.command,
            size: HEADER_LEN as u32,
            flags: FLAG_REPLY | FLAG_ERROR,
            error: errno as u32,
        }
    }
}

/// The capabilities this implementation announces in VERSION (JSON, NUL-terminated on the
/// wire): page size 4 KiB, at most [`MAX_FDS`] descriptors and [`MAX_XFER`] octets a message.
pub fn capabilities() -> String {
    serde_json::json!({
        "capabilities": {
            "max_msg_fds": MAX_FDS,
            "max_data_xfer_size": MAX_XFER,
            "pgsizes": 4096,
            "max_dma_maps": 65535,
        }
    })
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_round_trip_and_limits() {
        let h = Header {
            id: 7,
            command: cmd::REGION_READ,
            size: 32,
            flags: FLAG_NO_REPLY,
            error: 0,
        };
        assert_eq!(Header::parse(&h.encode()).unwrap(), h);
        let mut big = h;
        big.size = (MAX_MESSAGE + 1) as u32;
        assert!(matches!(
            Header::parse(&big.encode()),
            Err(WireError::Size(_))
        ));
        big.size = 3;
        assert!(Header::parse(&big.encode()).is_err());
        assert!(!h.wants_reply());
        assert!(h.reply(8).is_reply());
    }

    #[test]
    fn short_bodies_are_errors() {
        let mut r = Reader::new("DMA_MAP", &[1, 2, 3]);
        assert_eq!(
            r.u32(),
            Err(WireError::Short {
                what: "DMA_MAP",
                need: 4,
                have: 3
            })
        );
    }
}
