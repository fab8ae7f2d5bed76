//! Frames in and out of pcap files (Ethernet link type, no FCS), with output that appears only
//! when complete: everything is written to a temporary file beside the target and renamed into
//! place at the end, so a failed run leaves nothing behind.

use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use pcap_file::pcap::{PcapHeader, PcapReader, PcapWriter, RawPcapPacket};
use pcap_file::{DataLink, PcapError};

use macsec_model::FrameBuf;

use crate::error::CliError;

/// The pcapng Section Header Block type, which people often pass by mistake.
const PCAPNG_MAGIC: [u8; 4] = [0x0A, 0x0D, 0x0D, 0x0A];
/// Large enough for any protected jumbo frame.
const OUT_SNAPLEN: u32 = 262_144;

/// A pcap being read, one frame at a time.
pub struct FrameReader {
    path: PathBuf,
    reader: PcapReader<BufReader<File>>,
    count: u64,
}

/// A capture timestamp as stored (seconds, fraction in the file's resolution).
pub type Timestamp = (u32, u32);

impl FrameReader {
    pub fn open(path: &Path) -> Result<FrameReader, CliError> {
        let bad = |m: String| CliError::Input(format!("{}: {m}", path.display()));
        let mut f = File::open(path).map_err(|e| bad(e.to_string()))?;
        let mut magic = [0u8; 4];
        if f.read_exact(&mut magic).is_ok() && magic == PCAPNG_MAGIC {
            return Err(bad(
                "is pcapng, not pcap (convert it with `editcap -F pcap IN OUT`)".into(),
            ));
        }
        let f = File::open(path).map_err(|e| bad(e.to_string()))?;
        let reader = PcapReader::new(BufReader::new(f)).map_err(|e| bad(describe(&e)))?;
        let dl = reader.header().datalink;
        if dl != DataLink::ETHERNET {
            return Err(bad(format!("link type {dl:?} is not Ethernet")));
        }
        Ok(FrameReader {
            path: path.to_path_buf(),
            reader,
            count: 0,
        })
    }

    pub fn header(&self) -> PcapHeader {
        self.reader.header()
    }

    /// Load the next frame into `buf` and return its timestamp; `None` at the end, an error
    /// naming the record on a damaged file.
    pub fn next_into(&mut self, buf: &mut FrameBuf) -> Result<Option<Timestamp>, CliError> {
        match self.reader.next_raw_packet() {
            None => Ok(None),
            Some(Ok(p)) => {
                self.count += 1;
                buf.set(&p.data);
                Ok(Some((p.ts_sec, p.ts_frac)))
            }
            Some(Err(e)) => Err(CliError::Input(format!(
                "{}: record {} is {}",
                self.path.display(),
                self.count + 1,
                describe(&e)
            ))),
        }
    }
}

fn describe(e: &PcapError) -> String {
    match e {
        PcapError::IncompleteBuffer => "truncated".into(),
        PcapError::IoError(io) if io.kind() == std::io::ErrorKind::UnexpectedEof => {
            "truncated".into()
        }
        PcapError::InvalidField(f) => format!("not a valid pcap ({f})"),
        other => format!("unreadable ({other})"),
    }
}

/// A file that becomes visible at its path only on [`AtomicFile::commit`].
pub struct AtomicFile {
    tmp: PathBuf,
    dst: PathBuf,
}

impl AtomicFile {
    pub fn new(dst: &Path) -> AtomicFile {
        let name = dst
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let tmp = dst.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
        AtomicFile {
            tmp,
            dst: dst.to_path_buf(),
        }
    }

    pub fn create(&self) -> Result<File, CliError> {
        File::create(&self.tmp)
            .map_err(|e| CliError::Output(format!("{}: {e}", self.dst.display())))
    }

    pub fn commit(self) -> Result<(), CliError> {
        std::fs::rename(&self.tmp, &self.dst)
            .map_err(|e| CliError::Output(format!("{}: {e}", self.dst.display())))?;
        std::mem::forget(self);
        Ok(())
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.tmp);
    }
}

/// A pcap being written through an [`AtomicFile`].
pub struct FrameWriter {
    file: AtomicFile,
    writer: PcapWriter<BufWriter<File>>,
}

impl FrameWriter {
    /// Same timestamp resolution and endianness as the input, Ethernet, a snaplen that fits.
    pub fn create(path: &Path, like: PcapHeader) -> Result<FrameWriter, CliError> {
        let file = AtomicFile::new(path);
        let f = file.create()?;
        let header = PcapHeader {
            snaplen: like.snaplen.max(OUT_SNAPLEN),
            datalink: DataLink::ETHERNET,
            ..like
        };
        let writer = PcapWriter::with_header(BufWriter::new(f), header)
            .map_err(|e| CliError::Output(format!("{}: {e}", path.display())))?;
        Ok(FrameWriter { file, writer })
    }

    pub fn write(&mut self, ts: Timestamp, data: &[u8]) -> Result<(), CliError> {
        let p = RawPcapPacket {
            ts_sec: ts.0,
            ts_frac: ts.1,
            incl_len: data.len() as u32,
            orig_len: data.len() as u32,
            data: data.into(),
        };
        self.writer
            .write_raw_packet(&p)
            .map(|_| ())
            .map_err(|e| CliError::Output(format!("{}: {e}", self.file.dst.display())))
    }

    /// Flush and move the file into place.
    pub fn finish(self) -> Result<(), CliError> {
        let dst = self.file.dst.clone();
        let mut w = self.writer.into_writer();
        w.flush()
            .map_err(|e| CliError::Output(format!("{}: {e}", dst.display())))?;
        drop(w);
        self.file.commit()
    }
}

/// Write `bytes` to `path` atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    let file = AtomicFile::new(path);
    let mut f = file.create()?;
    f.write_all(bytes)
        .map_err(|e| CliError::Output(format!("{}: {e}", path.display())))?;
    drop(f);
    file.commit()
}
