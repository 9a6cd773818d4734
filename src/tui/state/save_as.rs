//! The save-as form: a new profile's name and description.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Name,
    Description,
}

/// The save-as form.
#[derive(Debug, Clone, PartialEq)]
pub struct SaveAs {
    pub name: String,
    pub description: String,
    /// The description of the profile file the settings came from, shown under the field
    /// (the field itself starts empty); empty for settings from no file.
    pub was: String,
    pub field: Field,
    /// The field holds text dyad filled in, untouched so far: typing replaces it (as in a
    /// form whose text is selected); Backspace or Enter keeps it.
    pub filled: bool,
}
