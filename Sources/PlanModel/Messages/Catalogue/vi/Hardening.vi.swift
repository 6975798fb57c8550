// The vi catalogue, section "hardening" (see Catalogue.swift). Data only: keep codes sorted,
// one entry a line.
extension Catalogue {
    static let vietnameseHardening: [String: String] = [
        "hardening.cli.signer-add.gpg-added": "{principal} từ nay được ký bằng OpenPGP: đã ghi vào {file} → main {commit}; `plancascade verify` đối chiếu chữ ký hợp lệ của cán bộ này (dòng VALIDSIG của gpg) với tệp đó; `git verify-commit` kiểm tra chữ ký trong kho khóa của người kiểm tra",
        "hardening.cli.signer-add.key-or-gpg": "hãy ghi tệp khóa công khai OpenSSH của cán bộ hoặc --gpg <dấu vân tay>, không ghi cả hai",
        "hardening.cli.signer-add.valid-before-gpg": "--valid-before đi cùng --gpg (với khóa ssh, thêm valid-before=\"YYYYMMDD\" vào dòng của khóa trong signers/allowed_signers)",
        "hardening.help.signer-add.gpg": "Ghi cán bộ ký bằng OpenPGP: dấu vân tay của khóa chính, như `gpg --fingerprint` hiển thị (signers/openpgp).",
        "hardening.help.signer-add.valid-before": "Cùng --gpg: chữ ký lập từ ngày này trở đi (YYYYMMDD hoặc YYYY-MM-DD) không còn được tính (cán bộ đã thôi nhiệm vụ).",
        "hardening.invalid-unit": "{problem}; {unit} được hiển thị là không hợp lệ và không được tính vào tổng nào. Nếu một commit của bản sao này đã sửa tệp (`plancascade check` nêu commit đó: edited-collected), hãy hoàn tác bằng `git revert <commit>`; nếu không, đề nghị văn thư của {unit} sửa tệp (`plancascade validate`) và gửi lên (push), rồi chạy `plancascade collect`",
        "hardening.invalid-unit.plan": "{problem}; {unit} được hiển thị là không hợp lệ (các báo cáo của đơn vị vẫn được tính vào tổng). Nếu một commit của bản sao này đã sửa tệp (`plancascade check` nêu commit đó: edited-collected), hãy hoàn tác bằng `git revert <commit>`; nếu không, đề nghị văn thư của {unit} sửa tệp (`plancascade validate`) và gửi lên (push), rồi chạy `plancascade collect`",
        "hardening.invalid-unit.short": "không được tính vào tổng nào: {problem}",
        "hardening.signature.openpgp-other-unit": "{what} ({commit}) được ký bằng khóa OpenPGP {key}, mà {pgpfile} ghi cho {listed}, không phải cho {unit}: chỉ cán bộ của {unit} (`<tên>@{unit}`) được ký cho {unit}",
        "hardening.signature.openpgp-unlisted": "{what} ({commit}) được ký bằng khóa OpenPGP {key} ({principals}), hợp lệ với kho khóa trên máy này, nhưng cả {file} lẫn {pgpfile} đều không ghi khóa này cho {unit} (hoặc đã hết hiệu lực trước khi ký): `plancascade signer add <tên>@{unit} --gpg {key}` ghi khóa vào danh sách",
        "hardening.signing.not-a-fingerprint": "không phải dấu vân tay OpenPGP: hãy ghi 40 (hoặc 64) chữ số thập lục phân của khóa chính, như `gpg --fingerprint <khóa>` hiển thị (có thể để nguyên dấu cách)",
        "term.state.invalid": "không hợp lệ",
    ]
}
