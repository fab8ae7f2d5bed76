//! `macsec compare A.pcap B.pcap`: the frames of two captures, in order, ignoring timestamps
//! and link headers' other fields — what a delivered capture is checked against a golden one
//! with. Exit 0 when every frame is equal, 1 at the first difference (said), 2 on bad input.

use std::path::PathBuf;

use clap::Args;
use macsec_model::FrameBuf;

use crate::error::CliError;
use crate::files::Files;
use crate::pcapio::FrameReader;

#[derive(Debug, Args)]
pub struct CompareArgs {
    pub first: PathBuf,
    pub second: PathBuf,
}

pub fn run(a: &CompareArgs) -> Result<(), CliError> {
    let mut files = Files::new();
    let ia = files.open(&a.first)?;
    let ib = files.open(&a.second)?;
    let mut ra = FrameReader::new(&a.first.display().to_string(), ia, false)?;
    let mut rb = FrameReader::new(&a.second.display().to_string(), ib, false)?;
    let (mut fa, mut fb) = (FrameBuf::new(), FrameBuf::new());
    let mut n = 0u64;
    loop {
        let (x, y) = (ra.next_into(&mut fa)?, rb.next_into(&mut fb)?);
        match (x.is_some(), y.is_some()) {
            (false, false) => break,
            (true, false) | (false, true) => {
                let longer = if x.is_some() { &a.first } else { &a.second };
                return Err(CliError::Failed(format!(
                    "{} has more frames: the captures agree on the first {n}",
                    longer.display()
                )));
            }
            (true, true) => {}
        }
        n += 1;
        if fa.as_slice() != fb.as_slice() {
            let at = fa
                .as_slice()
                .iter()
                .zip(fb.as_slice())
                .position(|(p, q)| p != q)
                .unwrap_or(fa.len().min(fb.len()));
            return Err(CliError::Failed(format!(
                "frame {n} differs: {} and {} octets, first difference at octet {at}",
                fa.len(),
                fb.len()
            )));
        }
    }
    println!("compare: {n} frames, all equal");
    Ok(())
}
