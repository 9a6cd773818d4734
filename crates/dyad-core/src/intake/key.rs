//! The pseudonymization key: at least 32 random bytes from the operating system, kept as hex in
//! a file outside the data folders (so the key never travels with the data it protects), created
//! readable by its owner only, and refused when others can read it.

use std::path::{Component, Path, PathBuf};

use rand::TryRngCore;

use crate::error::{Error, InputError, Result};

/// The fewest key bytes dyad accepts, and how many it creates.
pub const KEY_BYTES: usize = 32;

/// A secret key for keyed pseudonyms.
pub struct Key(Vec<u8>);

impl Key {
    /// The key's secret bytes (at least [`KEY_BYTES`]).
    pub fn bytes(&self) -> &[u8] {
        &self.0
    }

    /// A key from bytes (tests and callers with their own key store).
    pub fn from_bytes(bytes: &[u8]) -> Option<Key> {
        (bytes.len() >= KEY_BYTES).then(|| Key(bytes.to_vec()))
    }
}

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Key(…)")
    }
}

/// A path made absolute without requiring it to exist: the longest existing ancestor is
/// resolved (symbolic links included), the rest appended.
pub fn resolve(path: &Path) -> PathBuf {
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut tail = Vec::new();
    let mut head = abs.as_path();
    loop {
        if let Ok(real) = head.canonicalize() {
            let mut out = real;
            for part in tail.iter().rev() {
                out.push(part);
            }
            return out;
        }
        match (head.parent(), head.components().next_back()) {
            (Some(parent), Some(Component::Normal(name))) => {
                tail.push(name.to_os_string());
                head = parent;
            }
            _ => return abs,
        }
    }
}

/// Refuses a key file inside any of `folders` (the raw data and the output).
pub fn check_location(key_file: &Path, folders: &[&Path]) -> Result<()> {
    let key = resolve(key_file);
    for folder in folders {
        if key.starts_with(resolve(folder)) {
            return Err(InputError::new(
                key_file,
                format!(
                    "a key file outside the data folders (it is inside {}; keep the key apart \
                     from the data it protects)",
                    folder.display()
                ),
            )
            .into());
        }
    }
    Ok(())
}

/// Refuses a key file path that is a symbolic link to nothing: creating the key there would
/// write wherever the link points. (A folder, device or pipe is refused by [`load`].)
pub fn check_key_path(path: &Path) -> Result<()> {
    let dangling = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
        && std::fs::metadata(path).is_err();
    if dangling {
        return Err(InputError::new(
            path,
            "a key file: the path of the file that holds the pseudonymization key (created \
             when missing), such as keys/dyad.key",
        )
        .problem("this is a symbolic link to nothing (remove it, or give the key's own path)")
        .into());
    }
    Ok(())
}

/// Reads the key file, or creates it with a fresh random key when it does not exist. Returns
/// the key and whether it was created.
pub fn load_or_create(path: &Path) -> Result<(Key, bool)> {
    check_key_path(path)?;
    if path.exists() {
        return Ok((load(path)?, false));
    }
    let key = generate()?;
    create(path, &key)?;
    Ok((key, true))
}

/// A fresh key of [`KEY_BYTES`] random bytes from the operating system.
pub fn generate() -> Result<Key> {
    let mut bytes = vec![0u8; KEY_BYTES];
    rand::rngs::OsRng
        .try_fill_bytes(&mut bytes)
        .map_err(|e| Error::Other(format!("the operating system gave no random bytes: {e}")))?;
    Ok(Key(bytes))
}

/// Writes a new key file, readable by its owner only; never replaces an existing file.
pub fn create(path: &Path, key: &Key) -> Result<()> {
    write_private(path, format!("{}\n", hex::encode(&key.0)).as_bytes(), false)
}

/// Writes a file readable by its owner only (mode 0600), atomically, through the writer of every
/// output file (a device, a pipe, a link or a folder at `path` is refused). `replace` says
/// whether an existing file may be replaced; without it the rename never replaces a file made
/// meanwhile.
pub fn write_private(path: &Path, bytes: &[u8], replace: bool) -> Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    crate::io::refuse_non_regular(path)?;
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let mode = if replace {
        crate::io::Mode::Replace
    } else {
        crate::io::Mode::Create
    };
    crate::io::write_private(path, bytes, mode)?;
    Ok(())
}

/// Reads a key file; refuses one that others may read, or that holds fewer than
/// [`KEY_BYTES`] bytes.
pub fn load(path: &Path) -> Result<Key> {
    check_key_path(path)?;
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if !meta.is_file() {
        let found = if meta.is_dir() {
            "a folder"
        } else {
            "something other than a file"
        };
        return Err(InputError::new(
            path,
            "a key file: the path of the file that holds the pseudonymization key (created when \
             missing), such as keys/dyad.key",
        )
        .value(found)
        .into());
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path)
            .map_err(|e| Error::io(path, e))?
            .permissions()
            .mode();
        if mode & 0o077 != 0 {
            return Err(InputError::new(
                path,
                format!(
                    "a key file only its owner can read (its mode is {:o}; run chmod 600 on it)",
                    mode & 0o777
                ),
            )
            .into());
        }
    }
    let text = crate::io::read_text(path, 4096)?;
    let bytes = hex::decode(text.trim())
        .ok()
        .filter(|b| b.len() >= KEY_BYTES)
        // A key of one repeated byte (all zeros, all ff) is a placeholder, not a secret.
        .filter(|b| b.iter().any(|&x| x != b[0]));
    bytes.map(Key).ok_or_else(|| {
        InputError::new(
            path,
            format!(
                "a random key of at least {KEY_BYTES} bytes written as hex ({} hex digits) on \
                 one line, not one byte repeated",
                2 * KEY_BYTES
            ),
        )
        .line(1)
        .into()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_created_private_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("keys/dyad.key");
        let (a, created) = load_or_create(&p).unwrap();
        assert!(created);
        assert_eq!(a.bytes().len(), KEY_BYTES);
        let (b, created) = load_or_create(&p).unwrap();
        assert!(!created);
        assert_eq!(a.bytes(), b.bytes());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&p).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o644)).unwrap();
            assert_eq!(load_or_create(&p).unwrap_err().exit_code(), 2);
        }
    }

    #[test]
    fn a_folder_is_no_key_file() {
        let dir = tempfile::tempdir().unwrap();
        let e = load_or_create(dir.path()).unwrap_err();
        assert_eq!(e.exit_code(), 2);
        let msg = e.to_string();
        assert!(
            msg.contains("found \"a folder\", expected a key file"),
            "{msg}"
        );
        assert!(!msg.contains("chmod"), "{msg}");
    }

    #[test]
    fn short_or_malformed_keys_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("k");
        let zeros = format!("{}\n", "0".repeat(2 * KEY_BYTES));
        for text in ["abcd\n", "not hex at all\n", &zeros] {
            std::fs::write(&p, text).unwrap();
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
            }
            assert_eq!(load_or_create(&p).unwrap_err().exit_code(), 2);
        }
    }

    #[test]
    fn a_key_inside_a_data_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let raw = dir.path().join("raw");
        std::fs::create_dir(&raw).unwrap();
        let out = dir.path().join("out/not/yet");
        assert!(check_location(&raw.join("k"), &[&raw, &out]).is_err());
        assert!(check_location(&out.join("k"), &[&raw, &out]).is_err());
        assert!(check_location(&raw.join("../raw/./k"), &[&raw]).is_err());
        assert!(check_location(&dir.path().join("k"), &[&raw, &out]).is_ok());
    }
}
