// The vi catalogue, section "access": đăng nhập vào kho trung tâm và xác minh kho trung tâm —
// thông tin đăng nhập, khóa máy chủ SSH, chứng thư HTTPS (see Catalogue.swift). Data only:
// keep codes sorted, one entry a line.
extension Catalogue {
    static let vietnameseAccess: [String: String] = [
        "access.ca.file": "tệp chứng thư CA {file}",
        "access.ca.system": "các chứng thư CA của hệ thống",
        "access.ca-unreadable": "{setting} chỉ tới {path}, nhưng không đọc được tệp này; hãy sửa lại đường dẫn hoặc quyền đọc tệp rồi chạy lại lệnh",
        "access.certificate-untrusted": "chứng thư HTTPS của {hub} không được xác minh bằng {ca}: từ chối kết nối, vì bất kỳ ai cũng có thể trả lời thay kho trung tâm. Nếu tỉnh dùng CA riêng, hãy khai báo tệp chứng thư CA bằng `git config --global http.sslCAInfo <ca.pem>` (hoặc `http.<địa chỉ kho>.sslCAInfo`, hoặc biến GIT_SSL_CAINFO); kết nối tới kho trung tâm bằng tên máy ghi trong chứng thư, không dùng địa chỉ IP",
        "access.credentials-rejected": "{hub} từ chối thông tin đăng nhập của {user} (đã thử: {tried}): mật khẩu hoặc mã truy cập sai, đã hết hạn hoặc không được phép trên kho trung tâm này. Trình lưu thông tin đăng nhập đã cung cấp chúng được yêu cầu xóa đi; hãy chạy lại lệnh để nhập thông tin mới, hoặc đề nghị quản trị viên kho trung tâm kiểm tra tài khoản",
        "access.host-changed": "khóa máy chủ SSH của {host} ({type} {fingerprint}) không phải là khóa mà {file}:{line} ghi cho máy này: từ chối kết nối. Kho trung tâm có thể đã được cài đặt lại, hoặc có kẻ đang trả lời thay. Hãy hỏi quản trị viên kho trung tâm dấu vân tay của khóa; chỉ khi đúng là {fingerprint} mới xóa dòng cũ (`ssh-keygen -R '{name}'`), tin cậy khóa mới bằng `{keyscan} >> ~/.ssh/known_hosts` rồi chạy lại lệnh",
        "access.host-unknown": "khóa máy chủ SSH của {host} không có trong tệp known_hosts nào ({files}): khóa {type} {fingerprint}. Từ chối kết nối, vì bất kỳ ai cũng có thể trả lời thay kho trung tâm. Hãy so dấu vân tay này với dấu vân tay do quản trị viên kho trung tâm cung cấp (`ssh-keygen -lf` khóa máy chủ); nếu trùng khớp, tin cậy khóa bằng `{keyscan} >> ~/.ssh/known_hosts` rồi chạy lại lệnh",
        "access.host-unknown-type": "khóa máy chủ SSH của {host} là khóa {type} ({fingerprint}), còn các tệp known_hosts ({files}) chỉ ghi khóa {types} cho máy này: từ chối kết nối. Hãy so dấu vân tay với dấu vân tay do quản trị viên kho trung tâm cung cấp; nếu trùng khớp, thêm khóa bằng `{keyscan} >> ~/.ssh/known_hosts` rồi chạy lại lệnh",
        "access.no-credentials": "{hub} yêu cầu tên đăng nhập và mật khẩu, nhưng không tìm thấy (đã thử: {tried}). Có ba cách cung cấp: trình lưu thông tin đăng nhập của git (`git config --global credential.helper store`, `cache` hoặc libsecret), lưu lại sau khi kho trung tâm chấp nhận; biến môi trường PLANCASCADE_USERNAME và PLANCASCADE_PASSWORD (mật khẩu có thể là mã truy cập) cho tập lệnh chạy tự động; hoặc chạy lệnh tại cửa sổ dòng lệnh để được hỏi trực tiếp",
        "access.no-credentials.ssh": "{hub} yêu cầu đăng nhập SSH, nhưng không tìm thấy hoặc không được chấp nhận khóa nào (đã thử: {tried}). Hãy nạp khóa vào ssh-agent (`ssh-add ~/.ssh/id_ed25519`), đặt khóa tại ~/.ssh/id_ed25519, id_ecdsa hoặc id_rsa, hoặc khai báo bằng `git config plancascade.sshKey <đường dẫn>`; quản trị viên kho trung tâm phải đăng ký khóa công khai (tệp .pub) cho tài khoản của bạn",
        "access.outcome.needs-passphrase": "{source} (cần mật khẩu của khóa nhưng không có cửa sổ dòng lệnh để hỏi: hãy nạp khóa vào ssh-agent)",
        "access.outcome.offered": "{source}",
        "access.outcome.rejected": "{source} (bị từ chối)",
        "access.outcome.unavailable": "{source} (không có)",
        "access.source.agent": "ssh-agent",
        "access.source.environment": "PLANCASCADE_PASSWORD",
        "access.source.helper": "trình lưu thông tin đăng nhập `{helper}`",
        "access.source.key": "khóa {path}",
        "access.source.prompt": "hỏi tại cửa sổ dòng lệnh",
        "access.source.url": "địa chỉ đã nhập",
        "access.tried.nothing": "không có gì",
        "access.unreachable": "{detail}; hãy kiểm tra kết nối mạng và địa chỉ kho trung tâm rồi chạy lại lệnh (`PLANCASCADE_CONNECT_TIMEOUT` đặt số giây chờ)",
        "access.verification-disabled": "{setting} sẽ tắt việc kiểm tra chứng thư với {hub}: PlanCascade không bao giờ làm vậy, vì khi đó bất kỳ ai cũng có thể trả lời thay kho trung tâm. Hãy bỏ thiết lập này (`git config --unset http.sslVerify`, hoặc bỏ biến GIT_SSL_NO_VERIFY) và khai báo chứng thư CA của kho trung tâm bằng `git config http.sslCAInfo <ca.pem>`",
        "child.parent-hub-credentials": "{child} gửi unit.json có parentHub chứa mật khẩu hoặc mã truy cập ({url}): không thu nhận, vì nó sẽ bị sao chép lên mọi cấp; đề nghị văn thư của {child} ghi \"parentHub\": \"{clean}\" trong unit.json, ghi lại (commit) rồi gửi lại (mật khẩu cần được lưu trong trình lưu thông tin đăng nhập)",
    ]
}
