//! One run of a command, or of several at once, as the kernel counts it (wait4).

use std::os::unix::process::ExitStatusExt;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What one run of a command cost.
#[derive(Clone, Copy)]
pub struct Measured {
    pub wall: Duration,
    /// Peak resident set size in KiB.
    pub rss: u64,
    /// Processor time, user and system, of all its threads.
    pub cpu: Duration,
}

/// Runs a command to completion and measures it. Its messages go to a file (a pipe left unread
/// would fill up and stall a chatty build).
pub fn run_measured(cmd: &mut Command) -> Measured {
    run_at_once(&mut [cmd])
}

/// Runs commands at the same time, each to completion, and measures them together: the wall time
/// until the last has ended, their processor time added up, and the largest peak RSS.
// Each child is reaped by wait4, which also reports its peak RSS and processor time;
// `Child::wait` cannot.
#[allow(clippy::zombie_processes)]
pub fn run_at_once(cmds: &mut [&mut Command]) -> Measured {
    let started = Instant::now();
    let children: Vec<(PathBuf, libc::pid_t)> = cmds
        .iter_mut()
        .enumerate()
        .map(|(i, cmd)| {
            let log = std::env::temp_dir()
                .join(format!("kamerbrief-bench-{}-{i}.log", std::process::id()));
            let child = cmd
                .stdout(Stdio::null())
                .stderr(std::fs::File::create(&log).unwrap())
                .spawn()
                .expect("spawn");
            (log, child.id() as libc::pid_t)
        })
        .collect();
    let time = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    let mut measured = Measured {
        wall: Duration::ZERO,
        rss: 0,
        cpu: Duration::ZERO,
    };
    for ((log, pid), cmd) in children.into_iter().zip(cmds.iter()) {
        let mut status = 0;
        // SAFETY: plain wait4 on our own child; `usage` is a zeroed out-parameter.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        assert_eq!(r, pid, "wait4 failed");
        let status = std::process::ExitStatus::from_raw(status);
        let messages = std::fs::read_to_string(&log).unwrap_or_default();
        let _ = std::fs::remove_file(&log);
        assert!(status.success(), "{cmd:?} failed ({status}): {messages}");
        measured.rss = measured.rss.max(usage.ru_maxrss as u64);
        measured.cpu += time(usage.ru_utime) + time(usage.ru_stime);
    }
    measured.wall = started.elapsed();
    measured
}
