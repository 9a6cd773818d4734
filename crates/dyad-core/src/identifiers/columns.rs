//! Direct identifiers in column names: the Safe Harbor categories a header's words suggest
//! (`dateOfBirth`, `date-of-birth` and `DOB` alike).

use std::path::Path;

use super::cells::{CellKind, Identifier, value_identifier};
use crate::error::InputError;

/// Words of a column name: split at anything but letters and digits and at camelCase humps,
/// lower-cased. `dateOfBirth` and `date-of-birth` give the same words.
fn words(name: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if !c.is_alphanumeric() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        cur.extend(c.to_lowercase());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// The rules, in order: a column matches a rule when one of its words is in the word list or
/// its letters run together contain one of the fragments.
const COLUMN_RULES: &[(Identifier, &[&str], &[&str])] = &[
    (Identifier::Email, &["mail", "email", "emails"], &["email"]),
    (
        Identifier::Url,
        &[
            "url",
            "uri",
            "web",
            "website",
            "homepage",
            "link",
            "linkedin",
            "twitter",
            "facebook",
            "instagram",
        ],
        &["website", "homepage", "webpage"],
    ),
    (
        Identifier::IpAddress,
        &["ip", "ipv4", "ipv6"],
        &["ipaddress"],
    ),
    (Identifier::Fax, &["fax"], &["fax"]),
    (
        Identifier::Phone,
        &["tel", "mobile", "cell", "cellular", "pager"],
        &["phone"],
    ),
    (Identifier::Ssn, &["ssn", "ssns"], &["socialsecurity"]),
    (
        Identifier::MedicalRecord,
        &["mrn", "chart"],
        &["medicalrecord"],
    ),
    (
        Identifier::HealthPlan,
        &[
            "insurance",
            "insurer",
            "medicaid",
            "medicare",
            "beneficiary",
        ],
        &["healthplan", "insurance", "beneficiary", "subscriber"],
    ),
    (
        Identifier::Account,
        &["acct", "iban", "routing"],
        &["account", "creditcard", "cardnumber"],
    ),
    (
        Identifier::Licence,
        &["npi", "dea", "upin", "certificate"],
        &["licen", "certificatenumber"],
    ),
    (
        Identifier::Vehicle,
        &["vin", "plate", "vehicle"],
        &["vehicle"],
    ),
    (
        Identifier::Device,
        &["imei", "udid", "serial", "device", "mac"],
        &["serialnumber", "deviceid", "macaddress"],
    ),
    (
        Identifier::Biometric,
        &["biometric", "biometrics", "retina", "iris"],
        &["fingerprint", "voiceprint", "faceprint"],
    ),
    (
        Identifier::Photo,
        &[
            "photo",
            "photos",
            "photograph",
            "picture",
            "image",
            "headshot",
            "avatar",
            "selfie",
            "portrait",
        ],
        &["photo"],
    ),
    (
        Identifier::FullZip,
        &[
            "zip",
            "zipcode",
            "zip5",
            "zip9",
            "zip4",
            "postal",
            "postcode",
            "postalcode",
        ],
        &["zipcode", "postalcode", "zipplus"],
    ),
    (
        Identifier::Address,
        &[
            "address",
            "addr",
            "street",
            "city",
            "town",
            "county",
            "precinct",
            "neighborhood",
            "neighbourhood",
            "municipality",
            "borough",
            "apartment",
            "apt",
            "latitude",
            "longitude",
            "lat",
            "lon",
            "lng",
            "geocode",
            "coordinates",
            "gps",
        ],
        &["address", "street"],
    ),
    (
        Identifier::Date,
        &[
            "dob",
            "dod",
            "date",
            "dates",
            "birth",
            "birthday",
            "birthdate",
            "born",
            "admission",
            "admitted",
            "admit",
            "discharge",
            "discharged",
            "death",
            "died",
            "deceased",
            "day",
            "month",
            "timestamp",
            "datetime",
        ],
        &["birth", "dateof"],
    ),
    (Identifier::Age, &["age", "ages", "aged"], &[]),
    (
        Identifier::Other,
        &[
            "passport", "username", "login", "handle", "orcid", "employee", "badge", "patient",
        ],
        &["passport", "username", "employeeid", "staffid", "studentid"],
    ),
    (
        Identifier::Name,
        &[
            "name",
            "names",
            "firstname",
            "lastname",
            "fullname",
            "forename",
            "givenname",
            "fname",
            "lname",
            "mname",
            "middlename",
            "maiden",
            "nickname",
            "initials",
        ],
        &["surname", "firstname", "lastname", "fullname", "maidenname"],
    ),
];

/// The identifier category a column name suggests, if any. Only columns outside the schema are
/// asked about.
pub fn column_identifier(name: &str) -> Option<Identifier> {
    let words = words(name);
    let joined: String = words.concat();
    COLUMN_RULES
        .iter()
        .find(|(_, list, fragments)| {
            words.iter().any(|w| list.contains(&w.as_str()))
                || fragments.iter().any(|f| joined.contains(f))
        })
        .map(|(kind, _, _)| *kind)
}

/// Refuses a header column that is not in the schema but looks like a direct identifier. Its
/// name is shown (it is a column name, not data) unless the name itself looks like data.
pub fn refuse_column(path: &Path, column: usize, name: &str) -> Result<(), InputError> {
    if let Some(kind) = value_identifier(name, CellKind::Other) {
        return Err(InputError::new(
            path,
            format!(
                "column names, not data: this header cell looks like {} (remove it)",
                kind.describe()
            ),
        )
        .at(1, column + 1)
        .field("header"));
    }
    match column_identifier(name) {
        None => Ok(()),
        Some(kind) => Err(InputError::new(
            path,
            format!(
                "no direct identifiers in a pool: this column looks like {}, an identifier under \
                 HIPAA Safe Harbor; \
                 remove it from the file (--ignore-columns does not apply to identifiers) or build \
                 the pool with dyad anonymize",
                kind.describe()
            ),
        )
        .at(1, column + 1)
        .field("header")
        .value(name)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn col(name: &str) -> Option<Identifier> {
        column_identifier(name)
    }

    #[test]
    fn column_names_of_every_category_are_recognised() {
        use Identifier::*;
        let cases = [
            ("name", Name),
            ("First Name", Name),
            ("lastName", Name),
            ("surname", Name),
            ("street_address", Address),
            ("City", Address),
            ("county", Address),
            ("zip", FullZip),
            ("zip_code", FullZip),
            ("postalCode", FullZip),
            ("dob", Date),
            ("date_of_birth", Date),
            ("BirthDate", Date),
            ("admission_date", Date),
            ("discharge", Date),
            ("age", Age),
            ("phone", Phone),
            ("cell_phone", Phone),
            ("fax", Fax),
            ("email", Email),
            ("E-mail address", Email),
            ("ssn", Ssn),
            ("social_security_number", Ssn),
            ("mrn", MedicalRecord),
            ("medical_record_number", MedicalRecord),
            ("insurance_id", HealthPlan),
            ("account_number", Account),
            ("npi", Licence),
            ("dea_number", Licence),
            ("license_no", Licence),
            ("vin", Vehicle),
            ("device_serial", Device),
            ("url", Url),
            ("website", Url),
            ("ip_address", IpAddress),
            ("fingerprint", Biometric),
            ("photo", Photo),
            ("passport", Other),
            ("username", Other),
        ];
        for (name, kind) in cases {
            assert_eq!(col(name), Some(kind), "{name}");
        }
    }

    #[test]
    fn harmless_columns_are_not_identifiers() {
        for name in [
            "notes",
            "cohort",
            "state",
            "zip3_practice",
            "year",
            "graduation_year",
            "track",
            "pronouns",
            "comments",
            "page",
            "idx",
        ] {
            assert_eq!(col(name), None, "{name}");
        }
    }
}
