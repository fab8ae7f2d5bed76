//! One vfio-user connection: whole messages in and out of a UNIX stream socket, with the file
//! descriptors (memfds, eventfds) that ride on them as SCM_RIGHTS. Receiving wakes every
//! `poll_interval` to ask whether to stop, so a server can shut down while a client is idle.

use std::io::{IoSlice, IoSliceMut, Read, Write};
use std::mem::MaybeUninit;
use std::os::fd::{BorrowedFd, OwnedFd};
use std::os::unix::net::UnixStream;
use std::time::Duration;

use rustix::net::{
    recvmsg, sendmsg, RecvAncillaryBuffer, RecvAncillaryMessage, RecvFlags, SendAncillaryBuffer,
    SendAncillaryMessage, SendFlags,
};
use thiserror::Error;

use crate::wire::{Header, WireError, HEADER_LEN, MAX_FDS};

#[derive(Debug, Error)]
pub enum ConnError {
    #[error("the peer closed the connection")]
    Closed,
    #[error("socket: {0}")]
    Io(#[from] std::io::Error),
    #[error("malformed message: {0}")]
    Wire(#[from] WireError),
    #[error("message carries {0} file descriptors, more than {MAX_FDS}")]
    TooManyFds(usize),
}

/// A message: its header, the body after it and the descriptors it carried.
#[derive(Debug)]
pub struct Message {
    pub header: Header,
    pub body: Vec<u8>,
    pub fds: Vec<OwnedFd>,
}

#[derive(Debug)]
pub struct Conn {
    stream: UnixStream,
}

fn timed_out(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
    )
}

impl Conn {
    pub fn new(stream: UnixStream, poll_interval: Duration) -> Result<Conn, ConnError> {
        stream.set_read_timeout(Some(poll_interval))?;
        Ok(Conn { stream })
    }

    /// A second handle on the same socket (a client's reader thread).
    pub fn try_clone(&self) -> Result<Conn, ConnError> {
        Ok(Conn {
            stream: self.stream.try_clone()?,
        })
    }

    pub fn shutdown(&self) {
        let _ = self.stream.shutdown(std::net::Shutdown::Both);
    }

    /// The next message; `Ok(None)` when `stop()` said so while waiting for one. A message
    /// that has begun is read to its end.
    pub fn recv(&mut self, stop: &dyn Fn() -> bool) -> Result<Option<Message>, ConnError> {
        let mut hdr = [0u8; HEADER_LEN];
        let mut fds = Vec::new();
        let mut got = 0;
        while got == 0 {
            if stop() {
                return Ok(None);
            }
            let mut space = [MaybeUninit::uninit(); rustix::cmsg_space!(ScmRights(MAX_FDS))];
            let mut anc = RecvAncillaryBuffer::new(&mut space);
            let mut iov = [IoSliceMut::new(&mut hdr)];
            match recvmsg(&self.stream, &mut iov, &mut anc, RecvFlags::CMSG_CLOEXEC) {
                Ok(r) if r.bytes == 0 => return Err(ConnError::Closed),
                Ok(r) => got = r.bytes,
                Err(e) if e == rustix::io::Errno::AGAIN || e == rustix::io::Errno::INTR => continue,
                Err(e) => return Err(ConnError::Io(e.into())),
            }
            for m in anc.drain() {
                if let RecvAncillaryMessage::ScmRights(it) = m {
                    fds.extend(it);
                }
            }
        }
        if fds.len() > MAX_FDS {
            return Err(ConnError::TooManyFds(fds.len()));
        }
        self.read_all(&mut hdr[got..])?;
        let header = Header::parse(&hdr)?;
        let mut body = vec![0u8; header.size as usize - HEADER_LEN];
        self.read_all(&mut body)?;
        Ok(Some(Message { header, body, fds }))
    }

    /// The rest of a message that has begun: the sender writes it at once, so a timeout here
    /// only means the scheduler was slow.
    fn read_all(&mut self, mut buf: &mut [u8]) -> Result<(), ConnError> {
        let mut idle = 0;
        while !buf.is_empty() {
            match self.stream.read(buf) {
                Ok(0) => return Err(ConnError::Closed),
                Ok(n) => {
                    buf = &mut buf[n..];
                    idle = 0;
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) if timed_out(&e) && idle < 100 => idle += 1,
                Err(e) => return Err(e.into()),
            }
        }
        Ok(())
    }

    /// Send a message: `header` (its size is set here), then `body`, with `fds` on the first
    /// octet.
    pub fn send(
        &mut self,
        mut header: Header,
        body: &[u8],
        fds: &[BorrowedFd<'_>],
    ) -> Result<(), ConnError> {
        header.size = (HEADER_LEN + body.len()) as u32;
        let h = header.encode();
        let mut space = [MaybeUninit::uninit(); rustix::cmsg_space!(ScmRights(MAX_FDS))];
        let mut anc = SendAncillaryBuffer::new(&mut space);
        if fds.len() > MAX_FDS
            || (!fds.is_empty() && !anc.push(SendAncillaryMessage::ScmRights(fds)))
        {
            return Err(ConnError::TooManyFds(fds.len()));
        }
        let iov = [IoSlice::new(&h), IoSlice::new(body)];
        let total = h.len() + body.len();
        let sent = loop {
            match sendmsg(&self.stream, &iov, &mut anc, SendFlags::NOSIGNAL) {
                Ok(n) => break n,
                Err(e) if e == rustix::io::Errno::INTR => continue,
                Err(e) if e == rustix::io::Errno::PIPE => return Err(ConnError::Closed),
                Err(e) => return Err(ConnError::Io(e.into())),
            }
        };
        if sent < total {
            let mut rest = Vec::with_capacity(total - sent);
            rest.extend_from_slice(&h);
            rest.extend_from_slice(body);
            self.stream.write_all(&rest[sent..])?;
        }
        Ok(())
    }
}
