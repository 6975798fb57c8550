import PlanModel
import PlanStore
import Testing
import TestSupport

@Suite struct ChildWorkflowTests {
    @Test func childrenAreRecordedSortedAndUpdatedInPlace() throws {
        let f = try HierarchyFixture()
        let repository = try f.unit("daklak", level: "province")
        let workflow = ChildWorkflow(environment: f.environment)
        #expect(try workflow.add(id: "lak", name: "UBND huyện Lắk", level: "district", in: repository) != nil)
        #expect(try workflow.add(id: "buon-don", name: "UBND huyện Buôn Đôn", level: "district", in: repository) != nil)
        #expect(try workflow.add(id: "lak", name: "UBND huyện Lắk", level: "district", in: repository) == nil)
        #expect(try workflow.add(id: "lak", name: "UBND huyện Lắk", level: "commune", in: repository) != nil)
        let unit = try repository.unit()
        #expect(unit.children.map(\.id) == ["buon-don", "lak"])
        #expect(unit.children.last?.level == "commune")
        #expect(throws: PlanStoreError.self) { try workflow.add(id: "bad id", name: "X", level: "district", in: repository) }
        #expect(throws: PlanStoreError.self) { try workflow.add(id: "daklak", name: "X", level: "district", in: repository) }
        #expect(throws: PlanStoreError.self) { try workflow.add(id: "x", name: " ", level: "district", in: repository) }
    }
}
