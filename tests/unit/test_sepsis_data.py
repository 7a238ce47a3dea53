"""Sepsis training sources: CSVs and PhysioNet's own .psv layout (directory or zip), read into one frame; a patient
in two sources, a file that is not PhysioNet's layout, or an empty source is a clear error."""

from __future__ import annotations

import io
import zipfile

import numpy as np
import pandas as pd
import pytest

from core.errors import UserInputError
from risk.sepsis_data import read_source, read_training
from tests.conftest import SHARED_DATA

CSV = SHARED_DATA / "vitals" / "sepsis2019_setB_dev.csv.gz"


@pytest.fixture(scope="module")
def dev_patients() -> pd.DataFrame:
    """Five real dev patients (rows in file order)."""
    df = pd.read_csv(CSV, nrows=400)
    keep = df["patient_id"].drop_duplicates().iloc[:5]
    return df[df["patient_id"].isin(keep)].reset_index(drop=True)


def _psv(rows: pd.DataFrame) -> bytes:
    """One patient's rows as PhysioNet ships them: pipe-separated, no patient_id column, NaN for not measured."""
    return rows.drop(columns="patient_id").to_csv(sep="|", index=False, na_rep="NaN").encode()


def _as_psv_dir(df: pd.DataFrame, root) -> None:
    root.mkdir(parents=True)
    for pid, rows in df.groupby("patient_id", sort=False):
        (root / f"{pid}.psv").write_bytes(_psv(rows))


def _as_zip(df: pd.DataFrame, folder: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        for pid, rows in df.groupby("patient_id", sort=False):
            archive.writestr(f"{folder}/{pid}.psv", _psv(rows))
    return buf.getvalue()


def _same(got: pd.DataFrame, want: pd.DataFrame) -> None:
    got = got.sort_values(["patient_id", "ICULOS"]).reset_index(drop=True)
    want = want.sort_values(["patient_id", "ICULOS"]).reset_index(drop=True)
    assert list(got.columns) == list(want.columns) and len(got) == len(want)
    assert (got["patient_id"] == want["patient_id"]).all()
    numeric = want.columns.drop("patient_id")
    assert np.array_equal(got[numeric].to_numpy(float), want[numeric].to_numpy(float), equal_nan=True)


def test_psv_directory_and_zip_read_as_the_csv(dev_patients, tmp_path):
    _as_psv_dir(dev_patients, tmp_path / "training_setB")
    _same(read_source(tmp_path / "training_setB"), dev_patients)
    archive = tmp_path / "training_setB.zip"
    archive.write_bytes(_as_zip(dev_patients, "training_setB"))
    _same(read_source(archive), dev_patients)


def test_sources_combine_and_a_patient_in_two_is_refused(dev_patients, tmp_path):
    first = dev_patients["patient_id"].drop_duplicates().iloc[:2]
    in_first = dev_patients["patient_id"].isin(first)
    csv_part, psv_part = dev_patients[in_first], dev_patients[~in_first]
    csv = tmp_path / "part.csv"
    csv_part.to_csv(csv, index=False)
    _as_psv_dir(psv_part, tmp_path / "psv")
    combined = read_training([csv, tmp_path / "psv"])
    # each source is a site (a hospital, for validation across hospitals), named by its file
    assert combined.groupby("site")["patient_id"].nunique().to_dict() == {"part": 2, "psv": psv_part["patient_id"]
                                                                                            .nunique()}
    _same(combined.drop(columns="site"), dev_patients)
    # the whole sample as a zip overlaps the CSV's two patients
    (tmp_path / "all.zip").write_bytes(_as_zip(dev_patients, "training"))
    with pytest.raises(UserInputError, match=f"patient {first.iloc[0]} is in both .*part.csv and .*all.zip"):
        read_training([csv, tmp_path / "all.zip"])


def test_bad_sources_are_clear_errors(dev_patients, tmp_path):
    with pytest.raises(UserInputError, match="no such training source"):
        read_training([tmp_path / "missing.zip"])
    with pytest.raises(UserInputError, match="no training source"):
        read_training([])
    (tmp_path / "empty").mkdir()
    with pytest.raises(UserInputError, match="holds no .psv files"):
        read_source(tmp_path / "empty")
    (tmp_path / "fake.zip").write_bytes(b"not a zip")
    with pytest.raises(UserInputError, match="not a zip archive"):
        read_source(tmp_path / "fake.zip")
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "p1.psv").write_text("HR|O2Sat\n80|97\n")
    with pytest.raises(UserInputError, match=r"p1.psv has no \['ICULOS', 'SepsisLabel'\] columns"):
        read_source(bad)
    (bad / "p1.psv").write_text("HR|ICULOS|SepsisLabel\n80|1|0\nhigh|2|0\n")
    with pytest.raises(UserInputError, match=r"columns \['HR'\] hold values that are not numbers"):
        read_training([bad])
    (tmp_path / "nolabel.csv").write_text("patient_id,ICULOS,HR\np1,1,80\n")
    with pytest.raises(UserInputError, match="lacks the columns"):
        read_source(tmp_path / "nolabel.csv")
