// The vi catalogue, section "signing": signed approvals and commits, the allowed-signers
// file, and what verify says about signatures (see Catalogue.swift).
// Data only: keep codes sorted, one entry a line.
extension Catalogue {
    static let vietnameseSigning: [String: String] = [
        "audit.signature.bad": "{what} ({commit}) mang chữ ký số không khớp với nội dung ({detail}): lần ghi đã bị sửa sau khi ký, hoặc chữ ký được chép từ lần ghi khác; hỏi người đã gửi lên, và không coi lần ghi này là đã ký",
        "audit.signature.child-commit": "lần ghi “{summary}” của {child}",
        "audit.signature.decision": "quyết định “{summary}” của {unit}",
        "audit.signature.not-checked": "không kiểm tra được chữ ký số của {what} ({commit}): {detail}; cài ssh-keygen (openssh-client) hoặc gpg rồi chạy lại `plancascade verify`",
        "audit.signature.other-unit": "{what} ({commit}) được ký bằng khóa {key}, khóa mà {file} ghi cho {principals}, không phải cho {unit}: chỉ cán bộ của {unit} (`<tên>@{unit}`) mới được ký cho {unit}",
        "audit.signature.unknown-key": "{what} ({commit}) được ký bằng khóa {key}, khóa không có trong {file}: nếu cán bộ đó được ký cho {unit}, hãy thêm bằng `plancascade signer add <tên>@{unit} <khóa.pub>`; nếu không, đây không phải chữ ký của {unit}",
        "audit.signature.unsigned-child-commit": "{what} không có chữ ký số, trong khi {unit} yêu cầu lịch sử của {child} phải do cán bộ của {child} ký (danh sách trong {file}): có thể đây không phải lần ghi của chính {child} — hỏi văn thư của {child} có tạo lần ghi này không; văn thư của {child} ký mọi lần ghi bằng `git config commit.gpgSign true`",
        "audit.signature.unsigned-decision": "{what} không có chữ ký số, trong khi {unit} yêu cầu quyết định phải được ký ({file} ghi danh sách cán bộ của đơn vị): cán bộ đặt `git config gpg.format ssh` và `git config user.signingKey <khóa>`, rồi mở lại và quyết định lại",
        "cli.root.line.signer-add": "thêm cán bộ được ký cho đơn vị hoặc cho đơn vị cấp dưới",
        "cli.signer-add.added": "{principal} từ nay được ký: đã ghi vào {file} → main {commit}; `plancascade verify` kiểm tra chữ ký số của cán bộ này, `git -c gpg.ssh.allowedSignersFile={file} verify-commit <lần ghi>` cũng vậy",
        "cli.signer-add.already": "{principal} đã có trong {file} với khóa này",
        "help.signer-add.abstract": "Thêm cán bộ được ký cho đơn vị này hoặc cho một đơn vị cấp dưới (signers/allowed_signers, theo định dạng allowed-signers của git).",
        "help.signer-add.discussion": "Ví dụ: plancascade signer add nguyen.van.a@buon-don ~/.ssh/id_ed25519.pub. Phần sau dấu @ cuối cùng là đơn vị mà cán bộ ký thay. Khi đã có cán bộ của đơn vị này trong danh sách, mọi quyết định phê duyệt phải được ký; khi đã có cán bộ của một đơn vị cấp dưới, lịch sử của đơn vị cấp dưới thu nhận từ đó trở đi phải do cán bộ của đơn vị cấp dưới ký. Cán bộ ký bằng `git config gpg.format ssh` và `git config user.signingKey <khóa>`.",
        "help.signer-add.key": "Tệp khóa công khai OpenSSH của cán bộ (…/id_ed25519.pub).",
        "help.signer-add.principal": "Người ký: <tên>@<mã đơn vị>, đơn vị là đơn vị này hoặc một đơn vị cấp dưới.",
        "help.signer.abstract": "Quản lý danh sách cán bộ được ký cho đơn vị và các đơn vị cấp dưới.",
        "signing.cannot-read-key": "không đọc được tệp khóa công khai; hãy đưa tệp .pub của cán bộ (lệnh ssh-keygen -y -f <khóa bí mật> in ra khóa này)",
        "signing.cannot-run": "không ký được lần ghi: không chạy được {program} ({reason}); hãy cài đặt, hoặc chỉ rõ bằng `git config gpg.program` (gpg) hay `git config gpg.ssh.program` (ssh); chưa ghi gì",
        "signing.failed": "{program} không ký lần ghi (mã {status}): {output}; kiểm tra `git config user.signingKey` (tệp khóa, hoặc khóa công khai mà ssh-agent đang giữ) và khóa đã được mở; chưa ghi gì",
        "signing.no-ssh-key": "đã đặt commit.gpgSign với gpg.format=ssh nhưng chưa chỉ khóa: hãy đặt `git config user.signingKey <tệp khóa hoặc khóa công khai>`; chưa ghi gì",
        "signing.not-a-public-key": "không phải khóa công khai OpenSSH (một dòng như `ssh-ed25519 AAAA… tên`); hãy đưa tệp .pub của cán bộ, không bao giờ đưa khóa bí mật",
        "signing.principal-form": "không có dạng <tên>@<mã đơn vị>; phần sau dấu @ cuối cùng là đơn vị mà cán bộ ký thay ({known}), phần tên không có dấu cách, dấu phẩy, dấu ngoặc kép hay ký tự đại diện",
        "signing.principal-unit": "ghi đơn vị {unit}, không phải đơn vị này cũng không phải đơn vị cấp dưới ({known}); hãy ghi nhận đơn vị cấp dưới trước bằng `plancascade child add`",
        "signing.unknown-format": "gpg.format là {format}, git không có định dạng này (openpgp, ssh hoặc x509); chưa ghi gì",
        "term.argument.principal": "người ký",
        "term.argument.public-key": "khóa công khai",
        "term.kind.bad-signature": "chữ ký sai",
        "term.kind.unknown-signer": "người ký không có trong danh sách",
        "term.kind.unsigned": "chưa ký",
    ]
}
