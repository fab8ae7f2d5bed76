//! The server side of vfio-user: one client at a time on a UNIX socket, every command answered
//! from a [`Function`]. A malformed or refused request gets an error reply with an errno and
//! the connection carries on; a broken stream ends it.

use std::fs::File;
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crate::function::Function;
use crate::sock::{Conn, ConnError, Message};
use crate::wire::{self, cmd, irq, region, Reader, WireError, Writer};

const POLL: Duration = Duration::from_millis(50);

/// Why a served connection ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Ended {
    /// The client closed its end.
    Disconnected,
    /// Asked to stop (a signal).
    Stopped,
}

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("{path}: {what}: {source}")]
    Socket {
        path: PathBuf,
        what: &'static str,
        #[source]
        source: std::io::Error,
    },
    #[error("{path} already exists (another server, or one that did not stop cleanly): remove it or choose another path")]
    Exists { path: PathBuf },
    #[error("connection: {0}")]
    Conn(#[from] ConnError),
}

/// A listening socket; the socket file goes when this does.
#[derive(Debug)]
pub struct Listener {
    listener: UnixListener,
    path: PathBuf,
}

impl Listener {
    pub fn bind(path: &Path) -> Result<Listener, ServeError> {
        if path.symlink_metadata().is_ok() {
            return Err(ServeError::Exists {
                path: path.to_path_buf(),
            });
        }
        let sock = |what, source| ServeError::Socket {
            path: path.to_path_buf(),
            what,
            source,
        };
        let listener = UnixListener::bind(path).map_err(|e| sock("bind", e))?;
        listener
            .set_nonblocking(true)
            .map_err(|e| sock("nonblocking", e))?;
        Ok(Listener {
            listener,
            path: path.to_path_buf(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Wait for a client, or `None` once `stop` is set.
    pub fn accept(&self, stop: &AtomicBool) -> Result<Option<UnixStream>, ServeError> {
        loop {
            if stop.load(Ordering::SeqCst) {
                return Ok(None);
            }
            match self.listener.accept() {
                Ok((s, _)) => {
                    s.set_nonblocking(false).map_err(|e| ServeError::Socket {
                        path: self.path.clone(),
                        what: "accept",
                        source: e,
                    })?;
                    return Ok(Some(s));
                }
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => std::thread::sleep(POLL),
                Err(e) => {
                    return Err(ServeError::Socket {
                        path: self.path.clone(),
                        what: "accept",
                        source: e,
                    })
                }
            }
        }
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// A refused request: the errno its reply carries, and why (for the log).
struct Refusal(i32, String);

impl From<WireError> for Refusal {
    fn from(e: WireError) -> Self {
        Refusal(libc_errno::EINVAL, e.to_string())
    }
}

mod libc_errno {
    pub const EINVAL: i32 = 22;
    pub const ENOTSUP: i32 = 95;
    pub const ENOENT: i32 = 2;
}

/// Serve `function` to the client on `stream` until it disconnects or `stop` is set; `log`
/// hears about refused requests.
pub fn serve(
    stream: UnixStream,
    function: &Function,
    stop: &AtomicBool,
    log: &mut dyn FnMut(&str),
) -> Result<Ended, ServeError> {
    let mut conn = Conn::new(stream, POLL)?;
    let ended = loop {
        let msg = match conn.recv(&|| stop.load(Ordering::SeqCst)) {
            Ok(Some(m)) => m,
            Ok(None) => break Ended::Stopped,
            Err(ConnError::Closed) => break Ended::Disconnected,
            Err(e) => {
                function.detach();
                return Err(e.into());
            }
        };
        let header = msg.header;
        if header.is_reply() {
            log(&format!(
                "ignored a reply (id {}) from the client",
                header.id
            ));
            continue;
        }
        match handle(function, msg) {
            Ok(body) if header.wants_reply() => conn.send(header.reply(body.len()), &body, &[])?,
            Ok(_) => {}
            Err(Refusal(errno, why)) => {
                log(&format!(
                    "refused command {} (id {}): {why}",
                    header.command, header.id
                ));
                if header.wants_reply() {
                    conn.send(header.error_reply(errno), &[], &[])?;
                }
            }
        }
    };
    function.detach();
    Ok(ended)
}

fn handle(f: &Function, msg: Message) -> Result<Vec<u8>, Refusal> {
    let Message { header, body, fds } = msg;
    let mut r = Reader::new("request", &body);
    let mut files: Vec<File> = fds.into_iter().map(File::from).collect();
    match header.command {
        cmd::VERSION => {
            let (major, _minor) = (r.u16()?, r.u16()?);
            let caps = r.rest();
            if major != 0 {
                return Err(Refusal(
                    libc_errno::ENOTSUP,
                    format!("protocol major {major}"),
                ));
            }
            let text = caps.strip_suffix(&[0]).unwrap_or(caps);
            if serde_json::from_slice::<serde_json::Value>(text).is_err() {
                return Err(Refusal(
                    libc_errno::EINVAL,
                    "capabilities are not JSON".into(),
                ));
            }
            let mut caps = wire::capabilities().into_bytes();
            caps.push(0);
            Ok(Writer::default().u16(0).u16(0).bytes(&caps).0)
        }
        cmd::DMA_MAP => {
            let (_argsz, _flags, offset, iova, size) =
                (r.u32()?, r.u32()?, r.u64()?, r.u64()?, r.u64()?);
            if files.len() > 1 {
                return Err(Refusal(
                    libc_errno::EINVAL,
                    "DMA_MAP with more than one file".into(),
                ));
            }
            f.dma_map(iova, size, files.pop(), offset)
                .map_err(|e| Refusal(libc_errno::EINVAL, e.to_string()))?;
            Ok(Vec::new())
        }
        cmd::DMA_UNMAP => {
            let (argsz, flags, iova, size) = (r.u32()?, r.u32()?, r.u64()?, r.u64()?);
            const UNMAP_ALL: u32 = 1 << 1;
            f.dma_unmap(iova, size, flags & UNMAP_ALL != 0)
                .map_err(|e| Refusal(libc_errno::EINVAL, e.to_string()))?;
            Ok(Writer::default()
                .u32(argsz)
                .u32(flags)
                .u64(iova)
                .u64(size)
                .0)
        }
        cmd::DEVICE_GET_INFO => {
            let _argsz = r.u32()?;
            Ok(Writer::default()
                .u32(16)
                .u32(wire::DEVICE_FLAGS_PCI | wire::DEVICE_FLAGS_RESET)
                .u32(region::COUNT)
                .u32(irq::COUNT)
                .0)
        }
        cmd::DEVICE_GET_REGION_INFO => {
            let (_argsz, _flags, index) = (r.u32()?, r.u32()?, r.u32()?);
            if index >= region::COUNT {
                return Err(Refusal(libc_errno::EINVAL, format!("region {index}")));
            }
            let size = Function::region_size(index);
            let flags = if size > 0 {
                region::FLAG_READ | region::FLAG_WRITE
            } else {
                0
            };
            Ok(Writer::default()
                .u32(32)
                .u32(flags)
                .u32(index)
                .u32(0)
                .u64(size)
                .u64(0)
                .0)
        }
        cmd::DEVICE_GET_IRQ_INFO => {
            let (_argsz, _flags, index) = (r.u32()?, r.u32()?, r.u32()?);
            if index >= irq::COUNT {
                return Err(Refusal(
                    libc_errno::EINVAL,
                    format!("interrupt index {index}"),
                ));
            }
            let (flags, count) = if index == irq::MSIX {
                (
                    irq::INFO_EVENTFD | irq::INFO_NORESIZE,
                    macsec_model::regmap::pci::MSIX_VECTORS as u32,
                )
            } else {
                (irq::INFO_EVENTFD, 0)
            };
            Ok(Writer::default().u32(16).u32(flags).u32(index).u32(count).0)
        }
        cmd::DEVICE_SET_IRQS => {
            let (_argsz, flags, index, start, count) =
                (r.u32()?, r.u32()?, r.u32()?, r.u32()?, r.u32()?);
            set_irqs(f, flags, index, start, count, files, r.rest())?;
            Ok(Vec::new())
        }
        cmd::REGION_READ => {
            let (offset, index, count) = (r.u64()?, r.u32()?, r.u32()?);
            if count as usize > wire::MAX_XFER {
                return Err(Refusal(
                    libc_errno::EINVAL,
                    format!("read of {count} octets"),
                ));
            }
            let mut data = vec![0u8; count as usize];
            f.read(index, offset, &mut data)
                .map_err(|e| Refusal(libc_errno::EINVAL, e.to_string()))?;
            Ok(Writer::default()
                .u64(offset)
                .u32(index)
                .u32(count)
                .bytes(&data)
                .0)
        }
        cmd::REGION_WRITE => {
            let (offset, index, count) = (r.u64()?, r.u32()?, r.u32()?);
            let data = r.bytes(count as usize)?;
            f.write(index, offset, data)
                .map_err(|e| Refusal(libc_errno::EINVAL, e.to_string()))?;
            Ok(Writer::default().u64(offset).u32(index).u32(count).0)
        }
        cmd::DEVICE_RESET => {
            f.reset();
            Ok(Vec::new())
        }
        cmd::DMA_READ | cmd::DMA_WRITE => Err(Refusal(
            libc_errno::ENOTSUP,
            "DMA messages: the server reaches client memory through the files of DMA_MAP".into(),
        )),
        other => Err(Refusal(
            libc_errno::ENOTSUP,
            format!("command {other} is not supported"),
        )),
    }
}

fn set_irqs(
    f: &Function,
    flags: u32,
    index: u32,
    start: u32,
    count: u32,
    files: Vec<File>,
    data: &[u8],
) -> Result<(), Refusal> {
    let bad = |why: String| Refusal(libc_errno::EINVAL, why);
    if index != irq::MSIX {
        // No INTx pin and no MSI: only disabling them is accepted.
        return if count == 0 || flags & irq::SET_DATA_NONE != 0 {
            Ok(())
        } else {
            Err(Refusal(
                libc_errno::ENOENT,
                format!("interrupt index {index} has no vectors"),
            ))
        };
    }
    let action = flags & irq::SET_ACTION_MASK_ALL;
    let data_kind = flags & irq::SET_DATA_MASK;
    let ok = |b: bool| {
        if b {
            Ok(())
        } else {
            Err(bad(format!("vectors {start}+{count}")))
        }
    };
    match action {
        irq::SET_ACTION_TRIGGER if data_kind == irq::SET_DATA_EVENTFD => {
            if files.is_empty() {
                ok(f.set_vectors(start, (0..count).map(|_| None).collect()))
            } else if files.len() == count as usize {
                ok(f.set_vectors(start, files.into_iter().map(Some).collect()))
            } else {
                Err(bad(format!("{} eventfds for {count} vectors", files.len())))
            }
        }
        irq::SET_ACTION_TRIGGER if data_kind == irq::SET_DATA_NONE && count == 0 => ok(f
            .set_vectors(
                0,
                (0..macsec_model::regmap::pci::MSIX_VECTORS)
                    .map(|_| None)
                    .collect(),
            )),
        irq::SET_ACTION_MASK | irq::SET_ACTION_UNMASK => {
            if data_kind == irq::SET_DATA_BOOL && data.len() < count as usize {
                return Err(bad("mask data shorter than its count".into()));
            }
            ok(f.mask_vectors(start, count, action == irq::SET_ACTION_MASK))
        }
        _ => Err(Refusal(
            libc_errno::ENOTSUP,
            format!("SET_IRQS flags {flags:#x}"),
        )),
    }
}
