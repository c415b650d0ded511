package cli;

/** One line of --doctor: what was checked, how it went, and what to do about it. */
record DoctorCheck(String name, Verdict verdict, String detail) {
    enum Verdict { OK, WARN, FAIL }

    static DoctorCheck ok(String name, String detail) {
        return new DoctorCheck(name, Verdict.OK, detail);
    }

    static DoctorCheck warn(String name, String detail) {
        return new DoctorCheck(name, Verdict.WARN, detail);
    }

    static DoctorCheck fail(String name, String detail) {
        return new DoctorCheck(name, Verdict.FAIL, detail);
    }

    boolean failed() {
        return verdict == Verdict.FAIL;
    }
}
