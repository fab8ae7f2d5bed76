//! Helpers for the CLI tests: pcap files in and out, and running `macsec`.
#![allow(dead_code)]

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use pcap_file::pcap::{PcapHeader, PcapPacket, PcapReader, PcapWriter};
use pcap_file::DataLink;

pub fn write_pcap(path: &Path, frames: &[Vec<u8>]) {
    let header = PcapHeader {
        datalink: DataLink::ETHERNET,
        ..PcapHeader::default()
    };
    let mut w = PcapWriter::with_header(File::create(path).unwrap(), header).unwrap();
    for (i, f) in frames.iter().enumerate() {
        let ts = std::time::Duration::from_micros(1_000_000 + i as u64);
        w.write_packet(&PcapPacket::new(ts, f.len() as u32, f))
            .unwrap();
    }
}

pub fn read_pcap(path: &Path) -> Vec<Vec<u8>> {
    let mut r = PcapReader::new(File::open(path).unwrap()).unwrap();
    assert_eq!(r.header().datalink, DataLink::ETHERNET);
    let mut out = Vec::new();
    while let Some(p) = r.next_packet() {
        out.push(p.unwrap().data.into_owned());
    }
    out
}

pub fn macsec(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_macsec"))
        .args(args)
        .output()
        .expect("run macsec")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The sample capture shipped in the repository.
pub fn sample_pcap() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/sample.pcap")
}

pub fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}
