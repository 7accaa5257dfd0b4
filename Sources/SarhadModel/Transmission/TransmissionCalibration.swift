/// Turns R0 into the per-contact transmission probability β through the next-generation matrix
/// K[i][j] = β · s_i · C[j][i] · D_j (Diekmann, Heesterbeek & Metz 1990): R0 = ρ(K).
public enum TransmissionCalibration {
    public static func nextGenerationMatrix(disease: DiseaseParameters, contacts: ContactMatrix) -> [[Double]] {
        let n = AgeBands.count
        var k = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for i in 0..<n {
            for j in 0..<n {
                k[i][j] = disease.relativeSusceptibility[i] * contacts.rows[j][i] * disease.infectiousDays(ageBand: j)
            }
        }
        return k
    }

    /// Dominant eigenvalue of a non-negative matrix by power iteration.
    public static func spectralRadius(_ matrix: [[Double]]) -> Double {
        let n = matrix.count
        var vector = [Double](repeating: 1.0 / Double(n), count: n)
        var eigenvalue = 0.0
        for _ in 0..<500 {
            var next = [Double](repeating: 0, count: n)
            for i in 0..<n {
                for j in 0..<n { next[i] += matrix[i][j] * vector[j] }
            }
            let norm = next.reduce(0, +)
            guard norm > 0 else { return 0 }
            next = next.map { $0 / norm }
            let converged = zip(next, vector).allSatisfy { abs($0 - $1) < 1e-13 }
            vector = next
            eigenvalue = norm
            if converged { break }
        }
        return eigenvalue
    }

    /// β such that the four matrix layers together give the configured R0.
    public static func transmissionProbability(disease: DiseaseParameters, contacts: ContactParameters) -> Double {
        let radius = spectralRadius(nextGenerationMatrix(disease: disease, contacts: contacts.combined))
        return radius > 0 ? disease.r0 / radius : 0
    }
}
