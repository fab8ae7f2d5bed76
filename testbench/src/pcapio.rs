//! Frames in and out of pcap files (Ethernet link type, no FCS). Input is checked as it is read:
//! a capture that is not pcap 2.4, a record longer than the snap length or with an impossible
//! timestamp is refused, and a record cut short by the capture (captured length below the
//! original length) is never taken for the whole frame: refused, or skipped and counted when the
//! user asks. Output goes to a [`crate::files::Output`], committed with the command's others.

use std::io::{BufWriter, Cursor, Read, Write};

use pcap_file::pcap::{PcapHeader, PcapReader, PcapWriter, RawPcapPacket};
use pcap_file::{DataLink, PcapError, TsResolution};

use macsec_model::FrameBuf;

use crate::error::CliError;
use crate::files::Output;

/// The pcapng Section Header Block type, which people often pass by mistake.
const PCAPNG_MAGIC: [u8; 4] = [0x0A, 0x0D, 0x0D, 0x0A];
/// Large enough for any protected jumbo frame.
const OUT_SNAPLEN: u32 = 262_144;

/// A capture timestamp as stored (seconds, fraction in the file's resolution).
pub type Timestamp = (u32, u32);

/// A pcap being read, one frame at a time.
pub struct FrameReader {
    name: String,
    reader: PcapReader<Box<dyn Read + Send>>,
    /// Records read (skipped ones included).
    count: u64,
    skip_truncated: bool,
    /// Records cut short by the capture and skipped.
    pub truncated: u64,
}

impl FrameReader {
    /// Read the capture from `input`, named `name` in messages. With `skip_truncated`, records
    /// cut short by the capture are skipped and counted instead of refused.
    pub fn new(
        name: &str,
        mut input: Box<dyn Read + Send>,
        skip_truncated: bool,
    ) -> Result<FrameReader, CliError> {
        let bad = |m: String| CliError::Input(format!("{name}: {m}"));
        // The 24-octet file header, read here so that pcapng is recognised by its own magic.
        let mut head = Vec::with_capacity(24);
        (&mut input)
            .take(24)
            .read_to_end(&mut head)
            .map_err(|e| bad(e.to_string()))?;
        if head.len() >= 4 && head[..4] == PCAPNG_MAGIC {
            return Err(bad(
                "is pcapng, not pcap (convert it with `editcap -F pcap IN OUT`)".into(),
            ));
        }
        let chained: Box<dyn Read + Send> = Box::new(Cursor::new(head).chain(input));
        let reader = PcapReader::new(chained).map_err(|e| bad(describe(&e)))?;
        let h = reader.header();
        if (h.version_major, h.version_minor) != (2, 4) {
            return Err(bad(format!(
                "pcap version {}.{} is not 2.4",
                h.version_major, h.version_minor
            )));
        }
        if h.snaplen == 0 {
            return Err(bad("snap length 0: the capture holds no frames".into()));
        }
        if h.datalink != DataLink::ETHERNET {
            return Err(bad(format!("link type {:?} is not Ethernet", h.datalink)));
        }
        Ok(FrameReader {
            name: name.to_string(),
            reader,
            count: 0,
            skip_truncated,
            truncated: 0,
        })
    }

    pub fn header(&self) -> PcapHeader {
        self.reader.header()
    }

    /// Load the next whole frame into `buf` and return its timestamp; `None` at the end, an
    /// error naming the record on a damaged file or a frame the capture cut short.
    pub fn next_into(&mut self, buf: &mut FrameBuf) -> Result<Option<Timestamp>, CliError> {
        let h = self.reader.header();
        loop {
            let at = self.count + 1;
            let bad = |m: String| CliError::Input(format!("{}: record {at} {m}", self.name));
            let p = match self.reader.next_raw_packet() {
                None => return Ok(None),
                Some(Err(e)) => return Err(bad(format!("is {}", describe(&e)))),
                Some(Ok(p)) => p,
            };
            self.count += 1;
            check_record(&p, &h).map_err(bad)?;
            if p.incl_len < p.orig_len {
                if self.skip_truncated {
                    self.truncated += 1;
                    continue;
                }
                return Err(bad(format!(
                    "holds {} of the frame's {} octets (cut short by the capture); \
                     --skip-truncated skips and counts such records",
                    p.incl_len, p.orig_len
                )));
            }
            buf.set(&p.data);
            return Ok(Some((p.ts_sec, p.ts_frac)));
        }
    }
}

/// What a record must be, whole or not.
fn check_record(p: &RawPcapPacket, h: &PcapHeader) -> Result<(), String> {
    if p.incl_len > h.snaplen {
        return Err(format!(
            "has {} octets, more than the snap length {}",
            p.incl_len, h.snaplen
        ));
    }
    if p.incl_len > p.orig_len {
        return Err(format!(
            "has {} octets captured of a {}-octet frame",
            p.incl_len, p.orig_len
        ));
    }
    let (limit, unit) = match h.ts_resolution {
        TsResolution::MicroSecond => (1_000_000, "microseconds"),
        TsResolution::NanoSecond => (1_000_000_000, "nanoseconds"),
    };
    if p.ts_frac >= limit {
        return Err(format!(
            "has a timestamp fraction of {} {unit}, a second or more",
            p.ts_frac
        ));
    }
    Ok(())
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

/// A pcap being written to an [`Output`].
pub struct FrameWriter {
    name: String,
    writer: PcapWriter<BufWriter<Output>>,
}

impl FrameWriter {
    /// Same timestamp resolution and endianness as `like`, Ethernet, a snaplen that fits.
    pub fn new(out: Output, like: PcapHeader) -> Result<FrameWriter, CliError> {
        let name = out.name().to_string();
        let header = PcapHeader {
            snaplen: like.snaplen.max(OUT_SNAPLEN),
            datalink: DataLink::ETHERNET,
            version_major: 2,
            version_minor: 4,
            ..like
        };
        let writer = PcapWriter::with_header(BufWriter::new(out), header)
            .map_err(|e| CliError::Output(format!("{name}: {e}")))?;
        Ok(FrameWriter { name, writer })
    }

    /// A capture in microseconds, Ethernet.
    pub fn ethernet(out: Output) -> Result<FrameWriter, CliError> {
        let header = PcapHeader {
            datalink: DataLink::ETHERNET,
            ..PcapHeader::default()
        };
        FrameWriter::new(out, header)
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
            .map_err(|e| CliError::Output(format!("{}: {e}", self.name)))
    }

    /// Flush, and hand the output back to be committed.
    pub fn finish(self) -> Result<Output, CliError> {
        let name = self.name;
        let mut w = self.writer.into_writer();
        w.flush()
            .map_err(|e| CliError::Output(format!("{name}: {e}")))?;
        w.into_inner()
            .map_err(|e| CliError::Output(format!("{name}: {}", e.error())))
    }
}
