//! The files one command reads and writes: checked before any work starts, and its outputs
//! committed together at the end, or not at all.
//!
//! An output is written to a temporary file that `tempfile` creates exclusively (`O_EXCL`, an
//! unpredictable name) in the target's own directory, so nothing planted there — a symlink
//! included — is ever followed or written through. [`commit`] renames every temporary file into
//! place in one go; if a rename fails, the targets already replaced get their old contents back
//! (kept as hard links until then) and new ones are removed. A target that exists and is not a
//! regular file (a device, a socket, a directory, a symlink) is refused: renaming over it would
//! replace it. `-` is standard input or output, and a FIFO is written directly, as pcap tools
//! do; those streams go out as they are written and cannot be taken back.

use std::fs::{File, Metadata, Permissions};
use std::io::{self, Read, Write};
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::path::{Component, Path, PathBuf};

use tempfile::{Builder, NamedTempFile};

use crate::error::CliError;

/// Whether an output may hold key material: such files are created readable by their owner
/// only (0600), whatever the umask.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Secrecy {
    Public,
    Secret,
}

/// What a path was named as, to tell conflicts apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Input,
    Output,
}

/// One file the command uses: how the user named it, the absolute path it resolves to, and the
/// (device, inode) of what is there, if anything.
#[derive(Debug)]
struct Seen {
    role: Role,
    shown: String,
    /// `None` for standard input or output.
    path: Option<PathBuf>,
    id: Option<(u64, u64)>,
}

/// The files of one command.
#[derive(Debug, Default)]
pub struct Files {
    seen: Vec<Seen>,
}

/// An output being written.
pub struct Output {
    shown: String,
    sink: Sink,
}

enum Sink {
    /// Renamed over `dst` by [`commit`]; removed if dropped first.
    Temp { file: NamedTempFile, dst: PathBuf },
    /// Standard output or a FIFO: written as it goes.
    Stream(Box<dyn Write + Send>),
}

impl std::fmt::Debug for Output {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Output")
            .field("shown", &self.shown)
            .finish_non_exhaustive()
    }
}

impl Output {
    /// The output as the user named it.
    pub fn name(&self) -> &str {
        &self.shown
    }

    /// An error writing this output.
    pub fn error(&self, e: impl std::fmt::Display) -> CliError {
        CliError::Output(format!("{}: {e}", self.shown))
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.sink {
            Sink::Temp { file, .. } => file.write(buf),
            Sink::Stream(w) => w.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match &mut self.sink {
            Sink::Temp { file, .. } => file.write_all(buf),
            Sink::Stream(w) => w.write_all(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.sink {
            Sink::Temp { file, .. } => file.flush(),
            Sink::Stream(w) => w.flush(),
        }
    }
}

fn shown(p: &Path) -> String {
    p.display().to_string()
}

fn is_stdio(p: &Path) -> bool {
    p.as_os_str() == "-"
}

/// What kind of file `m` describes, in words.
fn kind(m: &Metadata) -> &'static str {
    let t = m.file_type();
    if t.is_dir() {
        "a directory"
    } else if t.is_symlink() {
        "a symbolic link"
    } else if t.is_char_device() {
        "a character device"
    } else if t.is_block_device() {
        "a block device"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_fifo() {
        "a FIFO"
    } else if t.is_file() {
        "a regular file"
    } else {
        "not a regular file"
    }
}

/// `p` made absolute without touching the file itself: the directory it lies in resolved
/// (symlinks and all), the last component kept as it is.
fn resolve_parent(p: &Path) -> Result<(PathBuf, std::ffi::OsString), String> {
    let name = match p.components().next_back() {
        Some(Component::Normal(n)) if !p.as_os_str().to_string_lossy().ends_with('/') => {
            n.to_os_string()
        }
        _ => return Err("names a directory, not a file".into()),
    };
    let parent = match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let dir = std::fs::canonicalize(&parent)
        .map_err(|e| format!("directory {}: {e}", parent.display()))?;
    if !dir.is_dir() {
        return Err(format!("{} is not a directory", parent.display()));
    }
    Ok((dir, name))
}

fn id_of(m: &Metadata) -> (u64, u64) {
    (m.dev(), m.ino())
}

impl Files {
    pub fn new() -> Files {
        Files::default()
    }

    /// Refuse `new` if it names a file already in use, in a role that conflicts.
    fn admit(&mut self, new: Seen) -> Result<(), CliError> {
        for old in &self.seen {
            let same = match (&old.path, &new.path) {
                (None, None) => old.role == new.role,
                (Some(a), Some(b)) => a == b || (old.id.is_some() && old.id == new.id),
                _ => false,
            };
            // The same input twice is harmless; anything written must be named once.
            if same && (old.role == Role::Output || new.role == Role::Output) {
                let msg = if new.path.is_none() && old.shown != "-" {
                    format!(
                        "{}: standard output carries {}; name a file",
                        new.shown, old.shown
                    )
                } else if new.path.is_none() {
                    format!("{} names standard output twice", new.shown)
                } else {
                    let was = match old.role {
                        Role::Input => "an input",
                        Role::Output => "another output",
                    };
                    let as_ = if old.shown == new.shown {
                        String::new()
                    } else {
                        format!(" ({})", old.shown)
                    };
                    format!(
                        "{}: is also {was}{as_}; give each output a file of its own",
                        new.shown
                    )
                };
                return Err(CliError::Usage(msg));
            }
            if same && new.path.is_none() && new.role == Role::Input {
                return Err(CliError::Usage(
                    "standard input (-) can be read only once".into(),
                ));
            }
        }
        self.seen.push(new);
        Ok(())
    }

    /// Standard output carries `what` (a report): no output may be `-`.
    pub fn reserve_stdout(&mut self, what: &str) {
        self.seen.push(Seen {
            role: Role::Output,
            shown: what.to_string(),
            path: None,
            id: None,
        });
    }

    /// Record an input the command reads, so no output may replace it.
    pub fn input(&mut self, p: &Path) -> Result<(), CliError> {
        if is_stdio(p) {
            return self.admit(Seen {
                role: Role::Input,
                shown: "-".into(),
                path: None,
                id: None,
            });
        }
        let bad = |e: String| CliError::Input(format!("{}: {e}", p.display()));
        let m = std::fs::metadata(p).map_err(|e| bad(e.to_string()))?;
        if m.is_dir() {
            return Err(bad("is a directory".into()));
        }
        let path = std::fs::canonicalize(p).map_err(|e| bad(e.to_string()))?;
        self.admit(Seen {
            role: Role::Input,
            shown: shown(p),
            path: Some(path),
            id: Some(id_of(&m)),
        })
    }

    /// Open an input: `-` is standard input.
    pub fn open(&mut self, p: &Path) -> Result<Box<dyn Read + Send>, CliError> {
        self.input(p)?;
        if is_stdio(p) {
            return Ok(Box::new(io::stdin()));
        }
        let f = File::open(p).map_err(|e| CliError::Input(format!("{}: {e}", p.display())))?;
        Ok(Box::new(f))
    }

    /// Check an output and create its temporary file now, so a path that cannot be written is
    /// reported before any work starts.
    pub fn output(&mut self, p: &Path, secrecy: Secrecy) -> Result<Output, CliError> {
        let name = shown(p);
        let bad = |e: String| CliError::Output(format!("{name}: {e}"));
        if is_stdio(p) {
            self.admit(Seen {
                role: Role::Output,
                shown: name.clone(),
                path: None,
                id: None,
            })?;
            return Ok(Output {
                shown: "standard output".into(),
                sink: Sink::Stream(Box::new(io::stdout())),
            });
        }
        let (dir, file_name) = resolve_parent(p).map_err(bad)?;
        let dst = dir.join(&file_name);
        let here = std::fs::symlink_metadata(&dst).ok();
        // A symlink is followed only to find a FIFO (a pipe named as /dev/stdout, say).
        let stream = match &here {
            Some(m) if m.file_type().is_fifo() => true,
            Some(m) if m.file_type().is_symlink() => {
                std::fs::metadata(&dst).is_ok_and(|t| t.file_type().is_fifo())
            }
            _ => false,
        };
        if let Some(m) = &here {
            if !stream && !m.file_type().is_file() {
                return Err(bad(format!(
                    "is {}: macsec replaces only regular files (- writes to standard output)",
                    kind(m)
                )));
            }
        }
        let id = if stream {
            std::fs::metadata(&dst).ok().map(|m| id_of(&m))
        } else {
            here.as_ref().map(id_of)
        };
        self.admit(Seen {
            role: Role::Output,
            shown: name.clone(),
            path: Some(dst.clone()),
            id,
        })?;
        if stream {
            let f = std::fs::OpenOptions::new()
                .write(true)
                .open(&dst)
                .map_err(|e| bad(e.to_string()))?;
            return Ok(Output {
                shown: name,
                sink: Sink::Stream(Box::new(f)),
            });
        }
        let mode = match (secrecy, &here) {
            (Secrecy::Secret, _) => 0o600,
            // Replacing a file keeps its permissions; a new one gets 0666 less the umask.
            (Secrecy::Public, Some(m)) => m.permissions().mode() & 0o7777,
            (Secrecy::Public, None) => 0o666,
        };
        let prefix = format!(".{}.", file_name.to_string_lossy());
        let file = Builder::new()
            .prefix(&prefix)
            .suffix(".tmp")
            .permissions(Permissions::from_mode(mode))
            .tempfile_in(&dir)
            .map_err(|e| bad(format!("cannot write in {}: {e}", dir.display())))?;
        if here.is_some() {
            // The mode given at creation is cut by the umask; a replaced file keeps its own.
            file.as_file()
                .set_permissions(Permissions::from_mode(mode))
                .map_err(|e| bad(e.to_string()))?;
        }
        Ok(Output {
            shown: name,
            sink: Sink::Temp { file, dst },
        })
    }

    /// A directory that outputs will be written into later (only if needed): it must be a
    /// directory that can be written, or one that can be created.
    pub fn directory(&mut self, p: &Path) -> Result<(), CliError> {
        let bad = |e: String| CliError::Output(format!("{}: {e}", p.display()));
        let mut probe = p.to_path_buf();
        loop {
            match std::fs::metadata(&probe) {
                Ok(m) if m.is_dir() => break,
                Ok(m) => {
                    return Err(bad(format!(
                        "{} is {}, not a directory",
                        probe.display(),
                        kind(&m)
                    )))
                }
                Err(_) => match probe.parent() {
                    Some(d) if !d.as_os_str().is_empty() => probe = d.to_path_buf(),
                    _ => {
                        probe = PathBuf::from(".");
                        break;
                    }
                },
            }
        }
        // Writable: a temporary file can be made there (and is removed at once).
        Builder::new()
            .prefix(".macsec-probe.")
            .tempfile_in(&probe)
            .map(drop)
            .map_err(|e| bad(format!("cannot write in {}: {e}", probe.display())))
    }
}

/// What a target was before [`commit`] replaced it.
enum Before {
    Absent,
    /// A hard link to the old file, renamed back if the commit is undone.
    Kept(NamedTempFile<()>),
    /// There, but no link could be made.
    Unkept,
}

/// Move every output into place together. Each temporary file is flushed and synced first;
/// then each target is checked again (absent or a regular file) and renamed over. If a rename
/// fails, everything already renamed is undone.
pub fn commit(outputs: Vec<Output>) -> Result<(), CliError> {
    let mut temps = Vec::new();
    for mut o in outputs {
        o.flush().map_err(|e| o.error(e))?;
        if let Sink::Temp { file, dst } = o.sink {
            file.as_file()
                .sync_all()
                .map_err(|e| CliError::Output(format!("{}: {e}", o.shown)))?;
            temps.push((o.shown, file, dst));
        }
    }
    // Keep what is there now, as a hard link, until every rename has succeeded.
    let mut backups = Vec::new();
    for (name, _, dst) in &temps {
        let bad = |e: String| CliError::Output(format!("{name}: {e}"));
        let backup = match std::fs::symlink_metadata(dst) {
            Err(_) => Before::Absent,
            Ok(m) if m.file_type().is_file() => {
                let dir = dst.parent().unwrap_or(Path::new("."));
                let b = Builder::new()
                    .prefix(".macsec-old.")
                    .make_in(dir, |p| std::fs::hard_link(dst, p));
                // A file system without hard links: replaced without a way back.
                b.map_or(Before::Unkept, Before::Kept)
            }
            Ok(m) => return Err(bad(format!("became {} while macsec ran", kind(&m)))),
        };
        backups.push(backup);
    }
    let mut renamed: Vec<(PathBuf, Before)> = Vec::new();
    for ((name, file, dst), backup) in temps.into_iter().zip(backups) {
        if let Err(e) = file.persist(&dst) {
            for (dst, backup) in renamed.into_iter().rev() {
                match backup {
                    Before::Kept(b) => drop(b.persist(&dst)),
                    Before::Absent => drop(std::fs::remove_file(&dst)),
                    Before::Unkept => {}
                }
            }
            return Err(CliError::Output(format!("{name}: {}", e.error)));
        }
        renamed.push((dst, backup));
    }
    // The backups go now (dropping a NamedTempFile removes it).
    Ok(())
}
