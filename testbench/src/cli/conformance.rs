//! `macsec conformance --device D [--device D2]`: the driver's conformance suite on cards served
//! by `macsec serve`, reached through VFIO (`vfio:ADDR`, in a guest) or vfio-user
//! (`vfio-user:SOCKET`). The wire and the faults go through each card's test BAR; checks that
//! need two cards use the second device as card B; the checks only a PCI function can take
//! (Bus Master off, a function reset mid-traffic, a lost MSI-X message) run last. One line per check, then a JSON summary;
//! exit status 1 when any check failed.

use std::time::Instant;

use clap::Args;
use macsec_driver::conformance::{DeviceBench, CHECKS, SERVED_CHECKS};
use macsec_driver::DriverError;

use crate::error::CliError;

#[derive(Debug, Args)]
pub struct ConformanceArgs {
    /// A served card: vfio:DDDD:BB:DD.F or vfio-user:SOCKET (twice: cards A and B).
    #[arg(long, required = true, num_args = 1, action = clap::ArgAction::Append)]
    pub device: Vec<String>,
    /// Only the checks whose names contain this.
    #[arg(long)]
    pub only: Option<String>,
}

#[cfg(target_os = "linux")]
fn opener() -> Box<macsec_driver::conformance::Opener> {
    Box::new(|spec: &str| {
        let (dev, bar) = macsec_driver::open_device(spec, true)?;
        let bar = bar.ok_or_else(|| DriverError::Invalid(format!("{spec} has no test BAR")))?;
        Ok((dev, bar))
    })
}

#[cfg(not(target_os = "linux"))]
fn opener() -> Box<macsec_driver::conformance::Opener> {
    Box::new(|_: &str| {
        Err(DriverError::Invalid(
            "VFIO is only available on Linux".into(),
        ))
    })
}

pub fn run(a: &ConformanceArgs) -> Result<(), CliError> {
    if a.device.len() > 2 {
        return Err(CliError::Usage("--device: one or two cards".into()));
    }
    let bench = DeviceBench {
        devices: a.device.clone(),
        open: opener(),
    };
    let (mut passed, mut failed) = (0u32, 0u32);
    let start = Instant::now();
    for (name, check) in CHECKS.iter().chain(SERVED_CHECKS) {
        if a.only.as_deref().is_some_and(|o| !name.contains(o)) {
            continue;
        }
        let t = Instant::now();
        match check(&bench) {
            Ok(()) => {
                passed += 1;
                println!("CHECK {name} PASS ({} ms)", t.elapsed().as_millis());
            }
            Err(e) => {
                failed += 1;
                println!("CHECK {name} FAIL ({} ms): {e}", t.elapsed().as_millis());
            }
        }
    }
    println!(
        "{}",
        serde_json::json!({
            "devices": a.device,
            "checks_passed": passed,
            "checks_failed": failed,
            "seconds": (start.elapsed().as_secs_f64() * 10.0).round() / 10.0,
        })
    );
    if failed > 0 {
        return Err(CliError::Failed(format!(
            "{failed} conformance checks failed"
        )));
    }
    Ok(())
}
