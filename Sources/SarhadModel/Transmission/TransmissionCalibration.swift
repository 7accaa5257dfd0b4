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

    /// β such that the four matrix layers together give the configured R0. With activity classes
    /// (`ContactActivityParameters`), over the multitype matrix of (age band, class): R0 stays the
    /// scenario's, and the heterogeneity shows in the epidemic's course and size.
    public static func transmissionProbability(disease: DiseaseParameters, contacts: ContactParameters,
                                               activityLevels: [Double] = [1]) -> Double {
        let matrix = activityLevels.count > 1
            ? nextGenerationMatrix(disease: disease, contacts: contacts, activityLevels: activityLevels)
            : nextGenerationMatrix(disease: disease, contacts: contacts.combined)
        let radius = spectralRadius(matrix)
        return radius > 0 ? disease.r0 / radius : 0
    }

    /// The next-generation matrix over types (age band i, activity class c), `[i * C + c]`, for equally
    /// likely classes: household contacts ignore activity, the other layers scale with the activity of
    /// both ends, K[(i,c)][(j,c′)] = β · s_i · D_j · (H[j][i] + O[j][i] · a_c · a_c′) / C.
    public static func nextGenerationMatrix(disease: DiseaseParameters, contacts: ContactParameters,
                                            activityLevels levels: [Double]) -> [[Double]] {
        let bands = AgeBands.count, classes = levels.count
        var outside = contacts.school.rows
        for other in [contacts.work, contacts.community] {
            for i in 0..<bands { for j in 0..<bands { outside[i][j] += other.rows[i][j] } }
        }
        let home = contacts.household.rows
        var k = [[Double]](repeating: [Double](repeating: 0, count: bands * classes), count: bands * classes)
        for i in 0..<bands {
            for j in 0..<bands {
                let scale = disease.relativeSusceptibility[i] * disease.infectiousDays(ageBand: j) / Double(classes)
                for c in 0..<classes {
                    for d in 0..<classes {
                        k[i * classes + c][j * classes + d] = scale * (home[j][i] + outside[j][i] * levels[c] * levels[d])
                    }
                }
            }
        }
        return k
    }
}
