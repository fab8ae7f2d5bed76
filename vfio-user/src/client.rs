//! The client side of vfio-user, as QEMU's `vfio-user-pci` is: register accesses as region
//! messages (writes posted, as PCIe posts them, unless asked otherwise), DMA memory shared as a
//! memfd, interrupts on eventfds. The driver's `vfio-user:` backend and the tests use it.

use std::os::fd::{AsFd, BorrowedFd};
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::sync::atomic::{AtomicU16, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use crate::sock::{Conn, ConnError, Message};
use crate::wire::{self, cmd, irq, Header, Reader, WireError, Writer, FLAG_ERROR, FLAG_NO_REPLY};

#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    #[error("cannot connect to {path}: {source}")]
    Connect {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Conn(#[from] ConnError),
    #[error("the server refused command {command}: errno {errno}")]
    Refused { command: u16, errno: u32 },
    #[error("bad reply to command {command}: {why}")]
    BadReply { command: u16, why: String },
    #[error("no reply to command {command} within {} s (is the server serving another client?)", REPLY_TIMEOUT.as_secs())]
    NoReply { command: u16 },
}

impl From<WireError> for ClientError {
    fn from(e: WireError) -> Self {
        ClientError::BadReply {
            command: 0,
            why: e.to_string(),
        }
    }
}

/// How long a request waits for its reply.
pub const REPLY_TIMEOUT: Duration = Duration::from_secs(30);

/// One connection to a server.
#[derive(Debug)]
pub struct Client {
    conn: Mutex<Conn>,
    next_id: AtomicU16,
    /// Writes to regions are sent without waiting for a reply (as QEMU and PCIe post them).
    pub posted_writes: bool,
}

/// A region, as DEVICE_GET_REGION_INFO describes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RegionInfo {
    pub flags: u32,
    pub size: u64,
}

impl Client {
    /// Connect and agree on the protocol version.
    pub fn connect(path: &Path) -> Result<Client, ClientError> {
        let stream = UnixStream::connect(path).map_err(|source| ClientError::Connect {
            path: path.display().to_string(),
            source,
        })?;
        let c = Client {
            conn: Mutex::new(Conn::new(stream, Duration::from_millis(100))?),
            next_id: AtomicU16::new(1),
            posted_writes: true,
        };
        let mut caps = wire::capabilities().into_bytes();
        caps.push(0);
        let body = Writer::default().u16(0).u16(0).bytes(&caps).0;
        let reply = c.call(cmd::VERSION, &body, &[])?;
        let mut r = Reader::new("VERSION reply", &reply);
        let major = r.u16()?;
        if major != 0 {
            return Err(ClientError::BadReply {
                command: cmd::VERSION,
                why: format!("server speaks major version {major}"),
            });
        }
        Ok(c)
    }

    fn conn(&self) -> MutexGuard<'_, Conn> {
        self.conn.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn header(&self, command: u16, flags: u32) -> Header {
        Header {
            id: self.next_id.fetch_add(1, Ordering::Relaxed),
            command,
            size: 0,
            flags,
            error: 0,
        }
    }

    /// A request and its reply's body.
    fn call(
        &self,
        command: u16,
        body: &[u8],
        fds: &[BorrowedFd<'_>],
    ) -> Result<Vec<u8>, ClientError> {
        let h = self.header(command, 0);
        let mut conn = self.conn();
        conn.send(h, body, fds)?;
        let start = std::time::Instant::now();
        loop {
            let late = || start.elapsed() > REPLY_TIMEOUT;
            let Some(Message { header, body, .. }) = conn.recv(&late)? else {
                return Err(ClientError::NoReply { command });
            };
            if !header.is_reply() || header.id != h.id {
                // An error reply to an earlier posted write, or something unasked.
                if header.flags & FLAG_ERROR != 0 && header.command == cmd::REGION_WRITE {
                    return Err(ClientError::Refused {
                        command: header.command,
                        errno: header.error,
                    });
                }
                continue;
            }
            if header.flags & FLAG_ERROR != 0 {
                return Err(ClientError::Refused {
                    command,
                    errno: header.error,
                });
            }
            return Ok(body);
        }
    }

    pub fn device_info(&self) -> Result<(u32, u32, u32), ClientError> {
        let r = self.call(cmd::DEVICE_GET_INFO, &Writer::default().u32(16).0, &[])?;
        let mut r = Reader::new("DEVICE_GET_INFO reply", &r);
        let (_argsz, flags, regions, irqs) = (r.u32()?, r.u32()?, r.u32()?, r.u32()?);
        Ok((flags, regions, irqs))
    }

    pub fn region_info(&self, index: u32) -> Result<RegionInfo, ClientError> {
        let body = Writer::default()
            .u32(32)
            .u32(0)
            .u32(index)
            .u32(0)
            .u64(0)
            .u64(0)
            .0;
        let r = self.call(cmd::DEVICE_GET_REGION_INFO, &body, &[])?;
        let mut r = Reader::new("DEVICE_GET_REGION_INFO reply", &r);
        let (_argsz, flags, _index, _cap) = (r.u32()?, r.u32()?, r.u32()?, r.u32()?);
        Ok(RegionInfo {
            flags,
            size: r.u64()?,
        })
    }

    pub fn region_read(&self, index: u32, offset: u64, out: &mut [u8]) -> Result<(), ClientError> {
        let body = Writer::default()
            .u64(offset)
            .u32(index)
            .u32(out.len() as u32)
            .0;
        let r = self.call(cmd::REGION_READ, &body, &[])?;
        let mut r = Reader::new("REGION_READ reply", &r);
        let (_o, _i, count) = (r.u64()?, r.u32()?, r.u32()?);
        if count as usize != out.len() {
            return Err(ClientError::BadReply {
                command: cmd::REGION_READ,
                why: format!("{count} octets for {}", out.len()),
            });
        }
        out.copy_from_slice(r.bytes(out.len())?);
        Ok(())
    }

    /// A region write: posted (no reply awaited) when [`Client::posted_writes`] is set.
    pub fn region_write(&self, index: u32, offset: u64, data: &[u8]) -> Result<(), ClientError> {
        let body = Writer::default()
            .u64(offset)
            .u32(index)
            .u32(data.len() as u32)
            .bytes(data)
            .0;
        if self.posted_writes {
            let h = self.header(cmd::REGION_WRITE, FLAG_NO_REPLY);
            self.conn().send(h, &body, &[])?;
            return Ok(());
        }
        self.call(cmd::REGION_WRITE, &body, &[]).map(|_| ())
    }

    /// Share `size` octets of `file` at `offset` with the server, at `iova`.
    pub fn dma_map(
        &self,
        iova: u64,
        size: u64,
        file: &impl AsFd,
        offset: u64,
    ) -> Result<(), ClientError> {
        let flags = wire::DMA_READ_FLAG | wire::DMA_WRITE_FLAG;
        let body = Writer::default()
            .u32(32)
            .u32(flags)
            .u64(offset)
            .u64(iova)
            .u64(size)
            .0;
        self.call(cmd::DMA_MAP, &body, &[file.as_fd()]).map(|_| ())
    }

    pub fn dma_unmap(&self, iova: u64, size: u64) -> Result<(), ClientError> {
        let body = Writer::default().u32(24).u32(0).u64(iova).u64(size).0;
        self.call(cmd::DMA_UNMAP, &body, &[]).map(|_| ())
    }

    /// MSI-X vector `vector` signals `fd` (an eventfd).
    pub fn set_msix(&self, vector: u32, fd: &impl AsFd) -> Result<(), ClientError> {
        let flags = irq::SET_DATA_EVENTFD | irq::SET_ACTION_TRIGGER;
        let body = Writer::default()
            .u32(20)
            .u32(flags)
            .u32(irq::MSIX)
            .u32(vector)
            .u32(1)
            .0;
        self.call(cmd::DEVICE_SET_IRQS, &body, &[fd.as_fd()])
            .map(|_| ())
    }

    pub fn reset(&self) -> Result<(), ClientError> {
        self.call(cmd::DEVICE_RESET, &[], &[]).map(|_| ())
    }

    /// Close the connection (the server sees a disconnect).
    pub fn close(&self) {
        self.conn().shutdown();
    }
}
